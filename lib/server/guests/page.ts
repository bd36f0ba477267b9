import 'server-only';
import { cookies } from 'next/headers';
import { findInvitationPage, type InvitationPage } from '@/lib/server/shares';
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

export async function guestPage(shareId: string, deps: GuestDeps = defaultGuestDeps): Promise<GuestPageState> {
  const invitation = await findInvitationPage(shareId, deps.now());
  if (invitation.state !== 'open') return invitation;
  const jar = await cookies();
  const token = jar.get(GUEST_COOKIE.secure)?.value ?? jar.get(GUEST_COOKIE.plain)?.value;
  const db = await deps.db();
  const session = await findGuestSession(db, token, deps.now());
  if (!session) return { state: 'open', invitation };
  const share = await findShare(db, { id: shareId });
  return share?.guest_email === session.email
    ? { state: 'open', invitation, signedInAs: session.email, guestName: share.guest_name ?? '' }
    : { state: 'open', invitation, signedInElsewhereAs: session.email };
}
