import type { Metadata } from 'next';
import Link from 'next/link';
import { LocalDateTime } from '@/components/ui/LocalDateTime';
import { findInvitationPage } from '@/lib/server/shares';

export const metadata: Metadata = { title: 'Your invitation', robots: { index: false, follow: false } };

const CLOSED = {
  revoked:
    'The person who invited you has withdrawn this invitation. If you still need to join, ask them to invite you again.',
  expired:
    'This invitation has expired. If the meeting is still going on, ask the person who invited you for a new invitation.',
  unknown: 'This link does not match any invitation. Check that you opened the whole link from your invitation e-mail.',
} as const;

/** A guest's invitation: what they were invited to, or why the link no longer works. */
export default async function InvitationPage({ params }: { params: Promise<{ shareId: string }> }) {
  const { shareId } = await params;
  const invitation = await findInvitationPage(shareId);
  if (invitation.state !== 'open') {
    return (
      <div className="card" style={{ maxWidth: '40rem', margin: '2rem auto' }}>
        <h1>This invitation is no longer valid</h1>
        <p>{CLOSED[invitation.state]}</p>
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
      <p>Before the meeting, make sure your camera and microphone work.</p>
      <Link className="button button--secondary" href="/device-check">
        Check your camera and microphone
      </Link>
    </div>
  );
}
