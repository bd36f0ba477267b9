import type { InCallRemovalView } from './host-lobby';

/**
 * The JSON the staff API sends about shares. Plain types only: the browser imports them, so nothing
 * here may import server code (ESLint forbids `lib/server` in client code, types included).
 */

/** Where a guest stands with one share. 'expired' is never stored: the server derives it when reading. */
type ShareViewStatus = 'invited' | 'signed_in' | 'in_lobby' | 'joined' | 'left' | 'revoked' | 'expired';

/** Whether the invitation e-mail reached the guest's mail server. */
type InvitationDelivery = 'pending' | 'sent' | 'failed';

/**
 * One share as staff see it. The meeting's join link, meeting ID and passcode are deliberately absent:
 * they stay on the server.
 */
export interface ShareView {
  id: string;
  guestEmail: string;
  guestName: string | null;
  status: ShareViewStatus;
  delivery: InvitationDelivery;
  deliveryError: string | null;
  createdAt: string;
  expiresAt: string;
  sentAt: string | null;
  revokedAt: string | null;
  inviterName: string;
  /** The guest's invitation page, relative to the app's origin. */
  joinPath: string;
  /** Revoked while in the meeting: whether a host removed them (see InCallRemovalView); null otherwise. */
  inCall: InCallRemovalView | null;
}

/** GET and POST /api/meetings/{meetingId}/shares. */
export interface SharesResponse {
  shares: ShareView[];
}

/** POST /api/shares/{shareId}/resend. */
export interface ResendShareResponse {
  share: ShareView;
}

/**
 * DELETE /api/shares/{shareId}. `acsTokensRevoked` is false when the share is revoked but ACS could not
 * be told to revoke the tokens already issued (they then lapse on their own within their 60 minutes).
 */
export interface RevokeShareResponse {
  share: ShareView;
  acsTokensRevoked: boolean;
}
