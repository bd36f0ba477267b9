import type { InCallRemovalView } from '@/lib/api/host-lobby';
import type { RevokeShareResponse, SharesResponse, ShareView } from '@/lib/api/shares';
import type { FormNotice } from './use-api-form';

/**
 * Revoking is not removing: ACS token revocation keeps a guest from joining again and from renewing
 * their access, but does not take anyone out of a call they are already in (only a host can, in
 * Teams). Staff must not be told otherwise, neither when asked to confirm nor afterwards.
 */
const STAYS_IN_CALL = 'If they are in the meeting right now, they stay until a host removes them in Teams.';

/**
 * What happens to a guest who is in the meeting, by what the server knows right after revoking (see
 * InCallRemovalView): a Vestibule host's client is asked to remove them, or nobody in Vestibule can.
 * "Removed" is said only by the table, once the host's client confirmed it.
 */
const IN_CALL: Record<InCallRemovalView, string> = {
  removal_requested:
    'They are in the meeting: removal requested from the host who is in it through Vestibule. The table says when it is done.',
  remove_in_teams:
    'They are still in the meeting, and no host is in it through Vestibule to remove them: remove them in Teams.',
  removed: 'A host has taken them out of the meeting.',
  not_in_call: 'They were no longer in the meeting.',
};

/** What revoking will do, said before staff confirm it. */
export function revokeConsequences(share: ShareView): string {
  return `${share.guestEmail} will no longer be able to join or renew their access. If they are in the meeting right now, a host who is in it through Vestibule takes them out; otherwise they stay until a host removes them in Teams.`;
}

/** What revoking did. When ACS could not be told, the tokens already issued live on until they expire. */
export function revokedNotice(share: ShareView, data: RevokeShareResponse): FormNotice {
  const inCall = data.share.inCall ? IN_CALL[data.share.inCall] : STAYS_IN_CALL;
  const text = `${share.guestEmail} can no longer join this meeting or renew their access. ${inCall}`;
  if (data.acsTokensRevoked) return { kind: 'ok', text };
  return {
    kind: 'error',
    text: `${text} Microsoft could not be reached to cancel the call access already issued to them, which stays valid for up to an hour.`,
  };
}

/** What the inviter should know after the invitations went out: all delivered, or which ones were not. */
export function invitedNotice(data: SharesResponse): FormNotice {
  const failed = data.shares.filter((s) => s.delivery === 'failed');
  if (failed.length === 0) {
    return { kind: 'ok', text: `Invitation sent to ${data.shares.map((s) => s.guestEmail).join(', ')}.` };
  }
  return {
    kind: 'error',
    text: `Invited, but the e-mail could not be delivered to ${failed.map((s) => s.guestEmail).join(', ')}. Use Resend below.`,
  };
}
