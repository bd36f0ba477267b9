import 'server-only';
import { createHash, createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 32 bytes = 256 bits: a sign-in link or a session cookie can't be guessed, so a fast hash is enough. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export const CODE_DIGITS = 6;

/** A uniformly random code of six digits, leading zeros kept. */
export function newCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

export function newSalt(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The key codes are hashed with, derived from the server's session secret. A million six-digit codes
 * are quickly tried against a plain (even salted) hash, so a copy of the database alone must not be
 * enough: the key lives only in the server's configuration.
 */
export function codeKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'vestibule', 'guest-sign-in-code', 32));
}

export function hashCode(code: string, salt: string, key: Buffer): string {
  return createHmac('sha256', key).update(`${salt}:${code}`).digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
