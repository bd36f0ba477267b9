import type { Metadata } from 'next';
import { LookupForm } from '@/components/portal/LookupForm';
import { MeetingList, type MeetingListItem } from '@/components/portal/MeetingList';
import { RetryBanner } from '@/components/portal/RetryBanner';
import { ScheduleForm } from '@/components/portal/ScheduleForm';
import { signInAgain, staffOrSignIn } from '@/lib/server/auth/pages';
import { AppError } from '@/lib/server/errors';
import { log } from '@/lib/server/log';
import { listUpcomingMeetings } from '@/lib/server/meetings';

export const metadata: Metadata = { title: 'Your meetings' };

export default async function PortalPage() {
  const staff = await staffOrSignIn('/portal');
  let meetings: MeetingListItem[] | undefined;
  let problem: { message: string; retryAfterSeconds?: number } | undefined;
  try {
    meetings = await listUpcomingMeetings(staff);
  } catch (error) {
    if (error instanceof AppError && error.code === 'unauthenticated') signInAgain('/portal');
    if (!(error instanceof AppError)) log.error({ err: error }, 'listing meetings failed');
    problem =
      error instanceof AppError
        ? { message: error.message, retryAfterSeconds: error.retryAfterSeconds }
        : { message: 'Your meetings could not be loaded. Try again in a moment.' };
  }

  return (
    <>
      <h1>Your Teams meetings</h1>
      <p className="lead">Pick a meeting to invite guests, look one up from an invitation, or schedule a new one.</p>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Coming two weeks</h2>
        {problem ? <RetryBanner key={`${problem.message}|${problem.retryAfterSeconds ?? 0}`} {...problem} /> : <MeetingList meetings={meetings ?? []} />}
      </section>
      <div className="portal-tools">
        <LookupForm />
        <ScheduleForm />
      </div>
    </>
  );
}
