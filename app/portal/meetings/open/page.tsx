import Link from 'next/link';
import { redirect } from 'next/navigation';
import { signInAgain, staffOrSignIn } from '@/lib/server/auth/pages';
import { AppError } from '@/lib/server/errors';
import { lookupMeeting } from '@/lib/server/meetings';

/** From a calendar entry's join link to the meeting's page (calendar events don't carry the meeting id). */
export default async function OpenMeetingPage({ searchParams }: { searchParams: Promise<{ joinUrl?: string }> }) {
  const { joinUrl } = await searchParams;
  const staff = await staffOrSignIn(`/portal/meetings/open?joinUrl=${encodeURIComponent(joinUrl ?? '')}`);
  let target: string;
  try {
    const meeting = await lookupMeeting(staff, { link: joinUrl ?? '' });
    target = `/portal/meetings/${encodeURIComponent(meeting.id)}`;
  } catch (error) {
    if (error instanceof AppError && error.code === 'unauthenticated') signInAgain('/portal');
    return (
      <>
        <h1>This meeting can’t be opened</h1>
        <p role="alert" className="banner banner--error">
          {error instanceof AppError ? error.message : 'Something went wrong. Try again in a moment.'}
        </p>
        <Link href="/portal">Back to your meetings</Link>
      </>
    );
  }
  redirect(target);
}
