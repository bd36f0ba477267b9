import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/server/db';
import type { GuestSignInEnd, GuestSignInTable } from '@/lib/server/db/schema';

/** Named queries for e-mailed sign-ins; the sign-in service composes them in its transactions. */

export async function supersedeOpenSignIns(
  db: Kysely<Database>,
  { shareId, at }: { shareId: string; at: string },
): Promise<void> {
  await db
    .updateTable('guest_sign_ins')
    .set({ ended_at: at, ended_reason: 'superseded' })
    .where('share_id', '=', shareId)
    .where('ended_at', 'is', null)
    .execute();
}

export async function insertSignIn(db: Kysely<Database>, row: GuestSignInTable): Promise<void> {
  await db.insertInto('guest_sign_ins').values(row).execute();
}

export function findSignInByLink(db: Kysely<Database>, linkHash: string): Promise<GuestSignInTable | undefined> {
  return db.selectFrom('guest_sign_ins').selectAll().where('link_hash', '=', linkHash).executeTakeFirst();
}

/**
 * The share's open sign-in for this address, if any. A new request ends every open one first, so
 * there is at most one (ordering by creation time would not do: two requests can share a millisecond).
 */
export function openSignIn(
  db: Kysely<Database>,
  { shareId, email }: { shareId: string; email: string },
): Promise<GuestSignInTable | undefined> {
  return db
    .selectFrom('guest_sign_ins')
    .selectAll()
    .where('share_id', '=', shareId)
    .where('email', '=', email)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

/** Ends an open sign-in; false when it had already ended (another request used it first). */
export async function endSignIn(
  db: Kysely<Database>,
  { id, at, reason }: { id: string; at: string; reason: GuestSignInEnd },
): Promise<boolean> {
  const result = await db
    .updateTable('guest_sign_ins')
    .set({ ended_at: at, ended_reason: reason })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Claims one code attempt on an open sign-in before the code is compared, so parallel guesses can't
 * all pass a "fewer than five so far" check first: the update itself refuses the attempt past the
 * limit. Returns the attempt's number, or undefined when none is left (or the sign-in has ended).
 * `failed_attempts` thereby counts every attempt; the one that succeeds ends the sign-in anyway.
 */
export async function claimCodeAttempt(
  db: Kysely<Database>,
  { id, max }: { id: string; max: number },
): Promise<number | undefined> {
  const result = await db
    .updateTable('guest_sign_ins')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .where('failed_attempts', '<', max)
    .returning('failed_attempts')
    .executeTakeFirst();
  return result ? Number(result.failed_attempts) : undefined;
}

/** After a guest signs in: 'invited' becomes 'signed_in'; a later state (in lobby, joined) is kept. */
export async function markSignedIn(db: Kysely<Database>, { shareId }: { shareId: string }): Promise<boolean> {
  const result = await db
    .updateTable('shares')
    .set({ status: 'signed_in' })
    .where('id', '=', shareId)
    .where('status', '=', 'invited')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
