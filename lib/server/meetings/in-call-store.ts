import 'server-only';
import type { Kysely } from 'kysely';
import type { ShareIdentityView, InCallRemovalView, PendingRemoval, RemovalOutcome } from '@/lib/api/host-lobby';
import type { Database } from '@/lib/server/db';
import type { ShareTable } from '@/lib/server/db/schema';
import { isExpired } from '@/lib/server/shares/expiry';
import { hostConnected, inCallAtRevocation, inCallRemovalView } from './in-call';

/** Named queries for the host's lobby: host heartbeats, requested removals, the shares' identities. */

/** Records a host's heartbeat (one row per host and meeting; the newest beat wins). */
export async function beat(
  db: Kysely<Database>,
  { meetingId, staffId, at }: { meetingId: string; staffId: string; at: string },
): Promise<void> {
  await db
    .insertInto('host_presence')
    .values({ meeting_id: meetingId, staff_id: staffId, seen_at: at })
    .onConflict((oc) => oc.columns(['meeting_id', 'staff_id']).doUpdateSet({ seen_at: at }))
    .execute();
}

/** The host left the call: staff are told at once that nobody in Vestibule can remove a guest now. */
export async function forgetHost(
  db: Kysely<Database>,
  { meetingId, staffId }: { meetingId: string; staffId: string },
): Promise<void> {
  await db.deleteFrom('host_presence').where('meeting_id', '=', meetingId).where('staff_id', '=', staffId).execute();
}

export async function isHostConnected(db: Kysely<Database>, { meetingId, now }: { meetingId: string; now: Date }) {
  const rows = await db.selectFrom('host_presence').select('seen_at').where('meeting_id', '=', meetingId).execute();
  return hostConnected(
    rows.map((r) => r.seen_at),
    now,
  );
}

/**
 * Called inside the revocation's transaction with the share as it was before: when the guest was in
 * the lobby or the call, asks for their removal (once; a later revocation attempt changes nothing).
 * Returns whether a removal is now pending.
 */
export async function requestRemovalIfInCall(
  db: Kysely<Database>,
  { share, by, at }: { share: Pick<ShareTable, 'id' | 'meeting_id' | 'status'>; by: string; at: string },
): Promise<boolean> {
  if (!inCallAtRevocation(share.status)) return false;
  await db
    .insertInto('call_removals')
    .values({
      share_id: share.id,
      meeting_id: share.meeting_id,
      requested_at: at,
      requested_by: by,
      state: 'requested',
      settled_at: null,
      settled_by: null,
    })
    .onConflict((oc) => oc.column('share_id').doNothing())
    .execute();
  return true;
}

/** Removals a host's client still has to carry out, each with every ACS identity of the share. */
export async function pendingRemovals(
  db: Kysely<Database>,
  { meetingId }: { meetingId: string },
): Promise<PendingRemoval[]> {
  const rows = await db
    .selectFrom('call_removals')
    .innerJoin('shares', 'shares.id', 'call_removals.share_id')
    .leftJoin('share_identities', 'share_identities.share_id', 'call_removals.share_id')
    .select(['call_removals.share_id as shareId', 'shares.guest_email as guestEmail', 'share_identities.acs_user_id'])
    .where('call_removals.meeting_id', '=', meetingId)
    .where('call_removals.state', '=', 'requested')
    .orderBy('call_removals.requested_at')
    .execute();
  const byShare = new Map<string, PendingRemoval>();
  for (const row of rows) {
    const entry = byShare.get(row.shareId) ?? { shareId: row.shareId, guestEmail: row.guestEmail, acsUserIds: [] };
    if (row.acs_user_id) entry.acsUserIds.push(row.acs_user_id);
    byShare.set(row.shareId, entry);
  }
  return [...byShare.values()];
}

/**
 * Settles a requested removal with what the host's client saw. Returns the guest's address, or
 * undefined when no removal of that share was pending (any more) in that meeting.
 */
export async function settleRemoval(
  db: Kysely<Database>,
  {
    shareId,
    meetingId,
    outcome,
    by,
    at,
  }: { shareId: string; meetingId: string; outcome: RemovalOutcome; by: string; at: string },
): Promise<string | undefined> {
  const result = await db
    .updateTable('call_removals')
    .set({ state: outcome, settled_at: at, settled_by: by })
    .where('share_id', '=', shareId)
    .where('meeting_id', '=', meetingId)
    .where('state', '=', 'requested')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  const share = await db.selectFrom('shares').select('guest_email').where('id', '=', shareId).executeTakeFirst();
  return share?.guest_email ?? '';
}

/** Each revoked-in-call share of a meeting with what staff are told about it (see inCallRemovalView). */
export async function inCallRemovalViews(
  db: Kysely<Database>,
  { meetingId, now }: { meetingId: string; now: Date },
): Promise<Map<string, InCallRemovalView>> {
  const rows = await db
    .selectFrom('call_removals')
    .select(['share_id', 'state'])
    .where('meeting_id', '=', meetingId)
    .execute();
  if (rows.length === 0) return new Map();
  const connected = await isHostConnected(db, { meetingId, now });
  return new Map(rows.map((r) => [r.share_id, inCallRemovalView(r, connected)!]));
}

/** Every ACS identity created for the meeting's shares, with the share's guest and standing. */
export async function meetingShareIdentities(
  db: Kysely<Database>,
  { meetingId, now }: { meetingId: string; now: Date },
): Promise<ShareIdentityView[]> {
  const rows = await db
    .selectFrom('share_identities')
    .innerJoin('shares', 'shares.id', 'share_identities.share_id')
    .select([
      'share_identities.acs_user_id',
      'shares.id',
      'shares.guest_email',
      'shares.guest_name',
      'shares.status',
      'shares.expires_at',
    ])
    .where('shares.meeting_id', '=', meetingId)
    .orderBy('share_identities.created_at')
    .execute();
  return rows.map((r) => ({
    acsUserId: r.acs_user_id,
    shareId: r.id,
    guestEmail: r.guest_email,
    guestName: r.guest_name,
    standing: r.status === 'revoked' || isExpired(r.expires_at, now) ? 'withdrawn' : 'verified',
  }));
}
