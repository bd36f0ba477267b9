import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/server/db';
import { AppError } from '@/lib/server/errors';

const INVITATION_LIMIT = 30;
const INVITATION_WINDOW_MS = 10 * 60_000;
/** Audit actions that count as an invitation sent by the employee who acted. */
const COUNTED_ACTIONS = ['share.created', 'share.resent'] as const;

/**
 * Seconds until `requested` more invitations fit, given the times of those already sent in the
 * window (any order). 0 when they fit now.
 */
export function secondsUntilAllowed(
  sentAt: Date[],
  requested: number,
  now: Date,
  limit = INVITATION_LIMIT,
  windowMs = INVITATION_WINDOW_MS,
): number {
  const since = now.getTime() - windowMs;
  const inWindow = sentAt
    .map((d) => d.getTime())
    .filter((t) => t > since)
    .sort((a, b) => a - b);
  const excess = inWindow.length + requested - limit;
  if (excess <= 0) return 0;
  if (requested > limit) return Math.ceil(windowMs / 1000);
  // The excess-th oldest event has to leave the window first.
  const freeing = inWindow[excess - 1] ?? now.getTime();
  return Math.max(1, Math.ceil((freeing + windowMs - now.getTime()) / 1000));
}

/**
 * Refuses (429 with Retry-After) when an employee would send more than 30 invitations in 10
 * minutes. Counted from the audit trail, so the limit holds across app instances; run it in the
 * transaction that records the new invitations. Two instances racing can each pass the check, so
 * the limit may be overshot by one request's worth: acceptable for a spam brake.
 */
export async function assertInvitationRate(
  db: Kysely<Database>,
  staffId: string,
  requested: number,
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - INVITATION_WINDOW_MS).toISOString();
  const rows = await db
    .selectFrom('audit_events')
    .select('at')
    .where('actor_id', '=', staffId)
    .where('actor_kind', '=', 'staff')
    .where('action', 'in', [...COUNTED_ACTIONS])
    .where('at', '>', since)
    .execute();
  const wait = secondsUntilAllowed(
    rows.map((r) => new Date(r.at)),
    requested,
    now,
  );
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new AppError(
      'rate_limited',
      `You can send up to ${INVITATION_LIMIT} invitations in ${INVITATION_WINDOW_MS / 60_000} minutes. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      { retryAfterSeconds: wait },
    );
  }
}
