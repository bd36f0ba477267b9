import type { Metadata } from 'next';
import Link from 'next/link';
import { ConfirmSignIn } from '@/components/join/ConfirmSignIn';
import { PrefetchCall } from '@/components/join/PrefetchCall';
import { findInvitationPage } from '@/lib/server/shares';
import { linkRefusalMessage, peekLink } from '@/lib/server/guests';

export const metadata: Metadata = { title: 'Sign in to join', robots: { index: false, follow: false } };

/**
 * Where the sign-in mail's link lands. Opening it changes nothing (mail scanners open links); the
 * guest signs in with one click. A link that can't be used says why at once.
 */
export default async function SignInLinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ shareId: string }>;
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { shareId } = await params;
  const { token } = await searchParams;
  const invitation = await findInvitationPage(shareId);
  const back = `/join/${encodeURIComponent(shareId)}`;
  if (invitation.state !== 'open') {
    return (
      <div className="card" style={{ maxWidth: '40rem', margin: '2rem auto' }}>
        <h1>This invitation is no longer valid</h1>
        <p>
          {invitation.state === 'revoked'
            ? 'The person who invited you has withdrawn this invitation.'
            : invitation.state === 'expired'
              ? 'This invitation has expired.'
              : 'This link does not match any invitation.'}
        </p>
      </div>
    );
  }
  const state = typeof token === 'string' ? await peekLink(shareId, token) : 'invalid';
  return (
    <div className="card" style={{ maxWidth: '40rem', margin: '2rem auto' }}>
      <h1>Sign in to join “{invitation.subject}”</h1>
      {state === 'ready' && typeof token === 'string' ? (
        <>
          <p>You’re one step from your invitation. Sign in to continue in this browser.</p>
          <ConfirmSignIn shareId={shareId} token={token} />
          <PrefetchCall />
        </>
      ) : (
        <>
          <p role="alert" className="banner banner--error">
            {linkRefusalMessage(state === 'ready' ? 'invalid' : state)}
          </p>
          <Link href={back}>Back to your invitation</Link>
        </>
      )}
    </div>
  );
}
