import type { Metadata } from 'next';
import Link from 'next/link';
import { CallExperienceLoader } from '@/components/call/CallExperienceLoader';
import { ProblemPage } from '@/components/ui/ProblemPage';
import { getConfig } from '@/lib/config.js';
import { pageProblem, staffOrSignIn } from '@/lib/server/auth/pages';
import {
  hostCall,
  hostCallPagePath,
  hostTokenPath,
  meetingIdFromPath,
  meetingPagePath,
  type HostCall,
} from '@/lib/server/meetings';

export const metadata: Metadata = { title: 'Host the meeting', robots: { index: false, follow: false } };

/**
 * "Join as host": the signed-in employee joins their own meeting as themselves (a Teams user), so the
 * meeting gives them their role and, as organizer or presenter, the lobby to manage. The page checks
 * the session and that Graph shows them the meeting, then hands a token to the call experience; the
 * token is refreshed through the guarded host-token route, never minted for an identity the request names.
 */
export default async function HostCallPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const id = meetingIdFromPath(meetingId) ?? '';
  const here = hostCallPagePath(id);
  const staff = await staffOrSignIn(here);
  let call: HostCall;
  try {
    call = await hostCall(staff, id);
  } catch (error) {
    return <ProblemPage title="You can’t join this meeting as host" message={pageProblem(error, here).message} />;
  }
  const config = getConfig();
  const { meeting, token } = call;
  return (
    <>
      <p>
        <Link href={meetingPagePath(meeting.id)}>← Back to the meeting’s invitations</Link>
      </p>
      <h1>{meeting.subject}</h1>
      <CallExperienceLoader
        cloud={config.cloud}
        callingUrl={config.callingUrl}
        token={token.token}
        userId={token.userId}
        displayName={staff.name}
        locator={{ meetingLink: meeting.joinWebUrl }}
        tokenEndpoint={hostTokenPath(meeting.id)}
        hostMeetingId={meeting.id}
        chat={call.chat}
      />
    </>
  );
}
