import type { Metadata } from 'next';
import Link from 'next/link';
import { LocalDateTime } from '@/components/ui/LocalDateTime';
import { SharesPanel } from '@/components/portal/SharesPanel';
import { ProblemPage } from '@/components/ui/ProblemPage';
import { pageProblem, staffOrSignIn } from '@/lib/server/auth/pages';
import { getMeeting, hostCallPagePath, meetingIdFromPath, meetingPagePath } from '@/lib/server/meetings';
import { listMeetingAudit, listShares } from '@/lib/server/shares';

export const metadata: Metadata = { title: 'Meeting' };

const LOBBY: Record<string, string> = {
  organizer: 'Only the organizer bypasses the lobby; everyone else waits to be admitted.',
  organization: 'People in the organization join directly; guests wait in the lobby to be admitted.',
  organizationAndFederated:
    'People in the organization and trusted organizations join directly; guests wait in the lobby.',
  everyone: 'Everyone joins directly, guests included.',
  invited: 'Invited people join directly; guests wait in the lobby.',
};

export default async function MeetingPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  // Graph ids hold `/`, `+` and `=`: they arrive percent-encoded (see lib/server/meetings/ids.ts).
  const id = meetingIdFromPath(meetingId) ?? '';
  const here = meetingPagePath(id);
  const staff = await staffOrSignIn(here);
  let data;
  try {
    const meeting = await getMeeting(staff, id);
    const [{ shares }, { events }] = await Promise.all([
      listShares(staff, meeting.id),
      listMeetingAudit(staff, meeting.id),
    ]);
    data = { meeting, shares, events };
  } catch (error) {
    return <ProblemPage title="This meeting can’t be shown" message={pageProblem(error, here).message} />;
  }
  const { meeting, shares, events } = data;
  return (
    <>
      <p>
        <Link href="/portal">← Your meetings</Link>
      </p>
      <h1>{meeting.subject}</h1>
      <p>
        {/* Joins as the signed-in employee, with their meeting role and the lobby to manage. */}
        <Link className="button" href={hostCallPagePath(meeting.id)}>
          Join as host
        </Link>
      </p>
      <dl className="details card">
        <dt>When</dt>
        <dd>
          <LocalDateTime start={meeting.startDateTime} end={meeting.endDateTime} />
        </dd>
        <dt>Organizer</dt>
        <dd>{meeting.organizer.name ?? meeting.organizer.upn ?? 'Unknown'}</dd>
        <dt>Lobby</dt>
        <dd>{LOBBY[meeting.lobbyBypassScope] ?? `Lobby setting: ${meeting.lobbyBypassScope}`}</dd>
        {meeting.joinMeetingId ? (
          <>
            <dt>Meeting ID</dt>
            <dd>{meeting.joinMeetingId.replace(/(\d{3})(?=\d)/g, '$1 ')}</dd>
          </>
        ) : null}
      </dl>
      <SharesPanel
        meetingId={meeting.id}
        initialShares={shares}
        initialAudit={events}
        meetingEnded={new Date(meeting.endDateTime) < new Date()}
      />
    </>
  );
}
