/**
 * The name Teams users will see for a guest: trimmed, 1–64 characters (code points, so an accented
 * letter or an emoji counts once), one line, no control characters. One rule for both sides: the
 * pre-join shows a problem inline before anything is sent, and the token route (the authority) refuses
 * the same names with the same words. Plain code, no zod, so the pre-join bundle stays small.
 */
export const DISPLAY_NAME_MAX = 64;

/**
 * Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional overrides and
 * isolates that can make a name display differently from what it is ("Trojan Source"). Zero-width
 * joiners stay allowed: emoji sequences and several scripts (Persian, Indic) need them.
 */
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export const DISPLAY_NAME_EMPTY = 'Enter the name others will see.';

/** Why a name was refused: the pre-join words it in the guest's language (messages, `DisplayName`). */
export type DisplayNameProblem = 'empty' | 'tooLong' | 'forbidden';

export type DisplayNameCheck = { ok: true; value: string } | { ok: false; reason: DisplayNameProblem; message: string };

export function checkDisplayName(raw: string): DisplayNameCheck {
  const value = raw.trim();
  if (value.length === 0) return { ok: false, reason: 'empty', message: DISPLAY_NAME_EMPTY };
  if ([...value].length > DISPLAY_NAME_MAX)
    return { ok: false, reason: 'tooLong', message: `Keep the name to ${DISPLAY_NAME_MAX} characters or fewer.` };
  if (FORBIDDEN.test(value))
    return { ok: false, reason: 'forbidden', message: 'The name cannot contain line breaks or control characters.' };
  return { ok: true, value };
}
