import 'server-only';
import { randomBytes } from 'node:crypto';

/** 18 bytes = 144 bits of randomness: unguessable, and a whole number of base64 characters (24). */
const SHARE_ID_BYTES = 18;
const SHARE_ID = /^[A-Za-z0-9_-]{24}$/;

/** A new opaque share id, safe in a URL path as is. */
export function newShareId(): string {
  return randomBytes(SHARE_ID_BYTES).toString('base64url');
}

/** Whether a string could be a share id; lets routes refuse junk without a database round trip. */
export function isShareId(value: string): boolean {
  return SHARE_ID.test(value);
}
