import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/server/db';
import { AppError } from '@/lib/server/errors';
import { secondsUntilAllowed } from '@/lib/server/shares/rate-limit';
import { sha256 } from './secrets';

export interface RateRule {
  /** What is counted and for whom, e.g. `sign-in:email:<address>`; stored hashed (no addresses at rest). */
  key: string;
  limit: number;
  windowMs: number;
}

const PRUNE_AFTER_MS = 24 * 60 * 60_000;

/**
 * Counts one request under every rule, or refuses (429 with Retry-After) when any rule is already at
 * its limit; a refused request is not counted. Kept in the database so the limits hold across app
 * instances. Two instances racing may each let one request past the limit: acceptable for a brake
 * whose job is to make guessing slow, not to be exact.
 */
export async function consumeRate(
  db: Kysely<Database>,
  rules: RateRule[],
  now: Date,
  message: (minutes: number) => string,
): Promise<void> {
  let wait = 0;
  const keys = rules.map((rule) => ({ ...rule, hashed: sha256(rule.key) }));
  for (const rule of keys) {
    const rows = await db
      .selectFrom('guest_rate_events')
      .select('at')
      .where('key', '=', rule.hashed)
      .where('at', '>', new Date(now.getTime() - rule.windowMs).toISOString())
      .execute();
    wait = Math.max(
      wait,
      secondsUntilAllowed(
        rows.map((r) => new Date(r.at)),
        1,
        now,
        rule.limit,
        rule.windowMs,
      ),
    );
  }
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new AppError('rate_limited', message(minutes), { retryAfterSeconds: wait });
  }
  const at = now.toISOString();
  await db
    .insertInto('guest_rate_events')
    .values(keys.map((rule) => ({ id: randomUUID(), key: rule.hashed, at })))
    .execute();
  await db
    .deleteFrom('guest_rate_events')
    .where('at', '<', new Date(now.getTime() - PRUNE_AFTER_MS).toISOString())
    .execute();
}

export const minutesText = (minutes: number) => `${minutes} minute${minutes === 1 ? '' : 's'}`;
