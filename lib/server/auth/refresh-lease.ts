import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/server/db';

/**
 * A lease in the database on redeeming one staff session's refresh token, so that across app
 * instances only one redeems it at a time. (Within one instance, staff.ts also keeps one refresh in
 * flight per session; that alone cannot see the other instances.)
 *
 * Claiming is one conditional UPDATE, atomic on PostgreSQL and SQLite alike: it succeeds only when
 * no lease is held or the one held has run out (an instance that died mid-refresh blocks the others
 * for at most LEASE_MS).
 */
export const LEASE_MS = 20_000;
const POLL_MS = 150;

export interface LeaseDeps {
  db: Kysely<Database>;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

async function claim(db: Kysely<Database>, sessionId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('staff_sessions')
    .set({ refresh_lease_until: new Date(now.getTime() + LEASE_MS).toISOString() })
    .where('id', '=', sessionId)
    .where((eb) => eb.or([eb('refresh_lease_until', 'is', null), eb('refresh_lease_until', '<', now.toISOString())]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Runs `work` holding the session's refresh lease: `{ ran: true, value }`. When another instance holds
 * it, waits until that one is done (lease released or run out) and returns `{ ran: false }` without
 * running `work`: the caller re-reads the session, which by then usually holds fresh tokens.
 */
export async function withRefreshLease<T>(
  sessionId: string,
  work: () => Promise<T>,
  { db, now = () => new Date(), sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }: LeaseDeps,
): Promise<{ ran: true; value: T } | { ran: false }> {
  if (await claim(db, sessionId, now())) {
    try {
      return { ran: true, value: await work() };
    } finally {
      await db.updateTable('staff_sessions').set({ refresh_lease_until: null }).where('id', '=', sessionId).execute();
    }
  }
  const deadline = now().getTime() + LEASE_MS;
  while (now().getTime() < deadline) {
    await sleep(POLL_MS);
    const row = await db
      .selectFrom('staff_sessions')
      .select('refresh_lease_until')
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!row?.refresh_lease_until || row.refresh_lease_until < now().toISOString()) break;
  }
  return { ran: false };
}
