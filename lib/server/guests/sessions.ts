import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/server/db';
import { newOpaqueToken, sha256 } from './secrets';

/** A guest sign-in lasts a working day at most; a new invitation link signs in again in a minute. */
export const GUEST_SESSION_HOURS = 12;

/**
 * Guest sessions are their own kind: their own cookie (never next-auth's), their own table. On https
 * the `__Host-` prefix makes the browser insist on Secure, Path=/ and no Domain, so a sibling
 * subdomain can't plant or overwrite it.
 */
export const GUEST_COOKIE = { secure: '__Host-vestibule-guest', plain: 'vestibule-guest' } as const;

export interface GuestSession {
  email: string;
  expiresAt: string;
  /** SHA-256 of the cookie value: what identifies the session in rate limits and logs. */
  idHash: string;
}

export async function createGuestSession(
  db: Kysely<Database>,
  { email, now }: { email: string; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newOpaqueToken();
  const expiresAt = new Date(now.getTime() + GUEST_SESSION_HOURS * 3600_000);
  await db
    .insertInto('guest_sessions')
    .values({ id_hash: sha256(token), email, created_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .execute();
  // Expired sessions are of no use to anyone; clearing them here keeps the table small without a job.
  await db.deleteFrom('guest_sessions').where('expires_at', '<=', now.toISOString()).execute();
  return { token, expiresAt };
}

/** The live guest session for a cookie value, or undefined (unknown, malformed or expired). */
export async function findGuestSession(
  db: Kysely<Database>,
  token: string | undefined,
  now: Date,
): Promise<GuestSession | undefined> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const idHash = sha256(token);
  const row = await db
    .selectFrom('guest_sessions')
    .select(['email', 'expires_at'])
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row ? { email: row.email, expiresAt: row.expires_at, idHash } : undefined;
}

/** Set-Cookie for a new guest session: httpOnly, SameSite=Lax, Secure (and `__Host-`) on https. */
export function guestSessionCookie(
  { token, expiresAt, now }: { token: string; expiresAt: Date; now: Date },
  appUrl: string,
): string {
  const secure = appUrl.startsWith('https://');
  const name = secure ? GUEST_COOKIE.secure : GUEST_COOKIE.plain;
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return [
    `${name}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAge}`,
    `Expires=${expiresAt.toUTCString()}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The guest session cookie's value from a Cookie header (either name), if any. */
export function guestTokenFromCookieHeader(header: string | null): string | undefined {
  if (!header) return undefined;
  const jar = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return jar.get(GUEST_COOKIE.secure) ?? jar.get(GUEST_COOKIE.plain);
}
