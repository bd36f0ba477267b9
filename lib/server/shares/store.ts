import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/server/db';
import type { ShareDelivery, ShareTable } from '@/lib/server/db/schema';

/** Named queries for shares; the service composes them inside its transactions. */

export function findShare(db: Kysely<Database>, { id }: { id: string }): Promise<ShareTable | undefined> {
  return db.selectFrom('shares').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listMeetingShares(db: Kysely<Database>, { meetingId }: { meetingId: string }): Promise<ShareTable[]> {
  return db
    .selectFrom('shares')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at', 'desc')
    .orderBy('guest_email')
    .execute();
}

/** Non-revoked shares of a meeting for any of these addresses (expired ones included: see the unique index). */
export async function findLiveShares(
  db: Kysely<Database>,
  { meetingId, emails }: { meetingId: string; emails: string[] },
): Promise<ShareTable[]> {
  if (emails.length === 0) return [];
  return db
    .selectFrom('shares')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('guest_email', 'in', emails)
    .where('status', '<>', 'revoked')
    .execute();
}

/**
 * Retires expired, unrevoked shares of these guests to this meeting (recorded as revoked by the
 * system) so they can be invited again: an expired share must not block a new one.
 */
export async function retireExpiredShares(
  db: Kysely<Database>,
  { meetingId, emails, now }: { meetingId: string; emails: string[]; now: string },
): Promise<number> {
  if (emails.length === 0) return 0;
  const result = await db
    .updateTable('shares')
    .set({ status: 'revoked', revoked_at: now, revoked_by: 'system:expired' })
    .where('meeting_id', '=', meetingId)
    .where('guest_email', 'in', emails)
    .where('status', '<>', 'revoked')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertShares(db: Kysely<Database>, { rows }: { rows: ShareTable[] }): Promise<void> {
  if (rows.length > 0) await db.insertInto('shares').values(rows).execute();
}

export async function setDelivery(
  db: Kysely<Database>,
  { id, delivery, error, sentAt }: { id: string; delivery: ShareDelivery; error: string | null; sentAt?: string },
): Promise<void> {
  await db
    .updateTable('shares')
    .set(sentAt ? { delivery, delivery_error: error, sent_at: sentAt } : { delivery, delivery_error: error })
    .where('id', '=', id)
    .execute();
}

/** Marks a share revoked unless it already is; true when this call revoked it. */
export async function markRevoked(
  db: Kysely<Database>,
  { id, at, by }: { id: string; at: string; by: string },
): Promise<boolean> {
  const result = await db
    .updateTable('shares')
    .set({ status: 'revoked', revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('status', '<>', 'revoked')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function shareIdentityIds(db: Kysely<Database>, { shareId }: { shareId: string }): Promise<string[]> {
  const rows = await db.selectFrom('share_identities').select('acs_user_id').where('share_id', '=', shareId).execute();
  return rows.map((r) => r.acs_user_id);
}

/** Used by the guest-join flow each time it creates an ACS identity for a share. */
export async function addShareIdentity(
  db: Kysely<Database>,
  { shareId, acsUserId, at }: { shareId: string; acsUserId: string; at: string },
): Promise<void> {
  await db
    .insertInto('share_identities')
    .values({ share_id: shareId, acs_user_id: acsUserId, created_at: at })
    .execute();
}

/**
 * Records the meeting's chat setting, as Graph just told it, on every share of the meeting: guests'
 * next token (or refresh) follows it. Called where staff read the meeting (the host page).
 */
export async function setMeetingChat(
  db: Kysely<Database>,
  { meetingId, allowMeetingChat }: { meetingId: string; allowMeetingChat: string | null },
): Promise<void> {
  await db
    .updateTable('shares')
    .set({ allow_meeting_chat: allowMeetingChat })
    .where('meeting_id', '=', meetingId)
    .execute();
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
