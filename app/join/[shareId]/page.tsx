import type { Metadata } from 'next';
import Link from 'next/link';
import { GuestSignIn } from '@/components/join/GuestSignIn';
import { GuestJourney } from '@/components/join/GuestJourney';
import { PrefetchCall } from '@/components/join/PrefetchCall';
import { LocalDateTime } from '@/components/ui/LocalDateTime';
import { getConfig } from '@/lib/config.js';
import { guestPage } from '@/lib/server/guests';

export const metadata: Metadata = { title: 'Your invitation', robots: { index: false, follow: false } };

const CLOSED = {
  revoked:
    'The person who invited you has withdrawn this invitation. If you still need to join, ask them to invite you again.',
  expired:
    'This invitation has expired. If the meeting is still going on, ask the person who invited you for a new invitation.',
  unknown: 'This link does not match any invitation. Check that you opened the whole link from your invitation e-mail.',
} as const;

/**
 * A guest's invitation: why the link no longer works; or what they were invited to and the sign-in
 * with the invited address; or, once signed in as that address, the pre-join, the call and its end
 * (GuestJourney). The join link itself only reaches the browser through the token route.
 */
export default async function InvitationPage({ params }: { params: Promise<{ shareId: string }> }) {
  const { shareId } = await params;
  const page = await guestPage(shareId);
  if (page.state !== 'open') {
    return (
      <div className="card" style={{ maxWidth: '40rem', margin: '2rem auto' }}>
        <h1>This invitation is no longer valid</h1>
        <p>{CLOSED[page.state]}</p>
      </div>
    );
  }
  const { invitation } = page;
  if (page.signedInAs) {
    const config = getConfig();
    return (
      <div className="card" style={{ maxWidth: '60rem', margin: '2rem auto' }}>
        <GuestJourney
          shareId={shareId}
          email={page.signedInAs}
          subject={invitation.subject}
          startDateTime={invitation.startDateTime}
          endDateTime={invitation.endDateTime}
          defaultName={page.guestName ?? ''}
          cloud={config.cloud}
          callingUrl={config.callingUrl}
        />
      </div>
    );
  }
  return (
    <div className="card" style={{ maxWidth: '40rem', margin: '2rem auto' }}>
      <h1>{invitation.subject}</h1>
      <p>
        {invitation.inviterName} invited you (<strong>{invitation.maskedEmail}</strong>) to this Microsoft Teams
        meeting. You can join from this browser; you don’t need a Microsoft account.
      </p>
      <dl className="details">
        <dt>When</dt>
        <dd>
          <LocalDateTime start={invitation.startDateTime} end={invitation.endDateTime} />
        </dd>
      </dl>
      {page.signedInElsewhereAs ? (
        <p role="alert" className="banner banner--info">
          You are signed in as {page.signedInElsewhereAs}, but this invitation is for another address. To join, sign in
          with the address it was sent to.
        </p>
      ) : null}
      <GuestSignIn shareId={shareId} maskedEmail={invitation.maskedEmail} />
      <PrefetchCall />
      <p>Before the meeting, make sure your camera and microphone work.</p>
      <Link className="button button--secondary" href="/device-check">
        Check your camera and microphone
      </Link>
    </div>
  );
}
