import { ProblemPage } from '@/components/ui/ProblemPage';
import { redirect } from 'next/navigation';
import { pageProblem, staffOrSignIn } from '@/lib/server/auth/pages';
import { lookupMeeting, meetingPagePath } from '@/lib/server/meetings';

/** From a calendar entry's join link to the meeting's page (calendar events don't carry the meeting id). */
export default async function OpenMeetingPage({ searchParams }: { searchParams: Promise<{ joinUrl?: string }> }) {
  const { joinUrl } = await searchParams;
  const staff = await staffOrSignIn(`/portal/meetings/open?joinUrl=${encodeURIComponent(joinUrl ?? '')}`);
  let target: string;
  try {
    const meeting = await lookupMeeting(staff, { link: joinUrl ?? '' });
    target = meetingPagePath(meeting.id);
  } catch (error) {
    return <ProblemPage title="This meeting can’t be opened" message={pageProblem(error, '/portal').message} />;
  }
  redirect(target);
}
