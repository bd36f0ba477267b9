import 'server-only';
import { z } from 'zod';

export const DISPLAY_NAME_MAX = 64;

/**
 * Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional overrides and
 * isolates that can make a name display differently from what it is ("Trojan Source"). Zero-width
 * joiners stay allowed: emoji sequences and several scripts (Persian, Indic) need them.
 */
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/**
 * The name Teams users will see for a guest: trimmed, 1–64 characters (code points, so an accented
 * letter or an emoji counts once), one line, no control characters.
 */
export const DisplayName = z
  .string({ error: 'Enter the name others will see.' })
  .trim()
  .min(1, 'Enter the name others will see.')
  .refine((v) => [...v].length <= DISPLAY_NAME_MAX, `Keep the name to ${DISPLAY_NAME_MAX} characters or fewer.`)
  .refine((v) => !FORBIDDEN.test(v), 'The name cannot contain line breaks or control characters.');

/** Body of POST /api/shares/{shareId}/token. */
export const TokenRequest = z.object({ displayName: DisplayName });
