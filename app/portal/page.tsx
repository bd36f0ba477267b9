import type { Metadata } from 'next';
import { LookupForm } from '@/components/portal/LookupForm';
import { MeetingList } from '@/components/portal/MeetingList';
import { RetryBanner } from '@/components/portal/RetryBanner';
import { ScheduleForm } from '@/components/portal/ScheduleForm';
import type { CalendarMeeting } from '@/lib/api/meetings';
import { pageProblem, staffOrSignIn } from '@/lib/server/auth/pages';
import { listUpcomingMeetings, withGuestCounts } from '@/lib/server/meetings';

export const metadata: Metadata = { title: 'Your meetings' };

export default async function PortalPage() {
  const staff = await staffOrSignIn('/portal');
  let meetings: CalendarMeeting[] | undefined;
  let problem: { message: string; retryAfterSeconds?: number } | undefined;
  try {
    meetings = await withGuestCounts(await listUpcomingMeetings(staff));
  } catch (error) {
    problem = pageProblem(error, '/portal');
  }

  return (
    <>
      <h1>Your Teams meetings</h1>
      <p className="lead">Pick a meeting to invite guests, look one up from an invitation, or schedule a new one.</p>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Coming two weeks</h2>
        {problem ? (
          <RetryBanner key={`${problem.message}|${problem.retryAfterSeconds ?? 0}`} {...problem} />
        ) : (
          <MeetingList meetings={meetings ?? []} />
        )}
      </section>
      <div className="portal-tools">
        <LookupForm />
        <ScheduleForm />
      </div>
    </>
  );
}
