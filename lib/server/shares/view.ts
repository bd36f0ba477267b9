import 'server-only';
import type { InCallRemovalView } from '@/lib/api/host-lobby';
import type { ShareView } from '@/lib/api/shares';
import type { ShareTable } from '@/lib/server/db/schema';
import { isExpired } from './expiry';

/**
 * A share as the staff UI sees it. Deliberately built field by field: the join link, meeting ID and
 * passcode stay on the server, and a new column is never exposed by accident. A stored status the
 * API type does not know fails the type check here, so the browser's labels can't miss one.
 */
export function toShareView(row: ShareTable, now: Date = new Date(), inCall?: InCallRemovalView | null): ShareView {
  return {
    id: row.id,
    guestEmail: row.guest_email,
    guestName: row.guest_name,
    // A revoked share says so even after it would have expired: revocation is the stronger fact.
    status: row.status !== 'revoked' && isExpired(row.expires_at, now) ? 'expired' : row.status,
    delivery: row.delivery,
    deliveryError: row.delivery_error,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    sentAt: row.sent_at,
    revokedAt: row.revoked_at,
    inviterName: row.inviter_name,
    joinPath: `/join/${row.id}`,
    inCall: inCall ?? null,
  };
}
