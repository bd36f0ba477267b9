import 'server-only';
import { cookies } from 'next/headers';
import { invitationPageOf, type InvitationPage } from '@/lib/server/shares';
import { isShareId } from '@/lib/server/shares/ids';
import { findShare } from '@/lib/server/shares/store';
import { defaultGuestDeps, type GuestDeps } from './deps';
import { findGuestSession, GUEST_COOKIE } from './sessions';

/** What the invitation page shows: a closed invitation, or an open one and who (if anyone) is signed in. */
export type GuestPageState =
  | Exclude<InvitationPage, { state: 'open' }>
  | {
      state: 'open';
      invitation: Extract<InvitationPage, { state: 'open' }>;
      /** The verified address, when this browser's guest session is for this invitation. */
      signedInAs?: string;
      /** The name the signed-in guest last joined with (empty before the first join). */
      guestName?: string;
      /** The verified address of a guest session for another invitation's address. */
      signedInElsewhereAs?: string;
    };

/**
 * The invitation page's state, with the least work a page view can take (it is the guest route with
 * the most traffic): one read of the share for both the invitation and the session check, and no
 * session lookup at all without a session cookie.
 */
export async function guestPage(shareId: string, deps: GuestDeps = defaultGuestDeps): Promise<GuestPageState> {
  if (!isShareId(shareId)) return { state: 'unknown' };
  const now = deps.now();
  const db = await deps.db();
  const share = await findShare(db, { id: shareId });
  const invitation = invitationPageOf(share, now);
  if (invitation.state !== 'open') return invitation;
  const jar = await cookies();
  const token = jar.get(GUEST_COOKIE.secure)?.value ?? jar.get(GUEST_COOKIE.plain)?.value;
  const session = token ? await findGuestSession(db, token, now) : undefined;
  if (!session || !share) return { state: 'open', invitation };
  return share.guest_email === session.email
    ? { state: 'open', invitation, signedInAs: session.email, guestName: share.guest_name ?? '' }
    : { state: 'open', invitation, signedInElsewhereAs: session.email };
}
