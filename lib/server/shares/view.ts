import 'server-only';
import type { ShareDelivery, ShareStatus, ShareTable } from '@/lib/server/db/schema';
import { isExpired } from './expiry';

/**
 * A share as the staff UI sees it. Deliberately built field by field: the join link, meeting ID and
 * passcode stay on the server, and a new column is never exposed by accident.
 */
export interface ShareView {
  id: string;
  guestEmail: string;
  guestName: string | null;
  status: ShareStatus | 'expired';
  delivery: ShareDelivery;
  deliveryError: string | null;
  createdAt: string;
  expiresAt: string;
  sentAt: string | null;
  revokedAt: string | null;
  inviterName: string;
  joinPath: string;
}

export function toShareView(row: ShareTable, now: Date = new Date()): ShareView {
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
  };
}
