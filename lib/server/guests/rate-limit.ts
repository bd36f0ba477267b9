import 'server-only';
import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '@/lib/server/db';
import { AppError } from '@/lib/server/errors';
import { sha256 } from './secrets';

export interface RateRule {
  /** What is counted and for whom, e.g. `sign-in:email:<address>`; stored hashed (no addresses at rest). */
  key: string;
  limit: number;
  windowMs: number;
}

const PRUNE_AFTER_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60_000;
let lastPrunedAt = -Infinity;

/**
 * Counts one request under every rule, or refuses (429 with Retry-After) when any rule is already at
 * its limit; a refused request is not counted. Kept in the database so the limits hold across app
 * instances, and checked and counted in one transaction that holds a lock per key, so 50 attempts
 * arriving at once cannot all read "under the limit" before any of them is counted: PostgreSQL takes
 * a transaction-scoped advisory lock per key (in sorted order, so two requests never wait on each
 * other crosswise); SQLite has one connection per process, on which Kysely runs one transaction at a
 * time.
 */
export async function consumeRate(
  db: Kysely<Database>,
  rules: RateRule[],
  now: Date,
  message: (minutes: number) => string,
): Promise<void> {
  const keys = rules
    .map((rule) => ({ ...rule, hashed: sha256(rule.key) }))
    .sort((a, b) => (a.hashed < b.hashed ? -1 : 1));
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const wait = await db.transaction().execute(async (trx) => {
    if (postgres) {
      for (const rule of keys)
        await sql`select pg_advisory_xact_lock(hashtextextended(${rule.hashed}, 0))`.execute(trx);
    }
    let longest = 0;
    for (const rule of keys) {
      // Only the limit-th newest event in the window decides: none means there is room, else the
      // request waits until it leaves the window. One indexed row, not every event of a busy key.
      const decisive = await trx
        .selectFrom('guest_rate_events')
        .select('at')
        .where('key', '=', rule.hashed)
        .where('at', '>', new Date(now.getTime() - rule.windowMs).toISOString())
        .orderBy('at', 'desc')
        .limit(1)
        .offset(rule.limit - 1)
        .executeTakeFirst();
      if (decisive) {
        const wait = Math.max(1, Math.ceil((Date.parse(decisive.at) + rule.windowMs - now.getTime()) / 1000));
        longest = Math.max(longest, wait);
      }
    }
    if (longest > 0) return longest;
    const at = now.toISOString();
    await trx
      .insertInto('guest_rate_events')
      .values(keys.map((rule) => ({ id: randomUUID(), key: rule.hashed, at })))
      .execute();
    return 0;
  });
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new AppError('rate_limited', message(minutes), { retryAfterSeconds: wait });
  }
  // Pruning scans the table (its index leads with the key), so once a minute per instance is plenty.
  if (now.getTime() - lastPrunedAt >= PRUNE_EVERY_MS || now.getTime() < lastPrunedAt) {
    lastPrunedAt = now.getTime();
    await db
      .deleteFrom('guest_rate_events')
      .where('at', '<', new Date(now.getTime() - PRUNE_AFTER_MS).toISOString())
      .execute();
  }
}

export const minutesText = (minutes: number) => `${minutes} minute${minutes === 1 ? '' : 's'}`;
