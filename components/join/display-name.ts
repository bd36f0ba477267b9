/**
 * The guest's display name, checked in the browser with the same rules as the token route
 * (`lib/server/guests/display-name.ts`, which stays the authority): the pre-join shows the problem
 * inline before anything is sent. `display-name.test.ts` holds both to the same answers.
 */
export const DISPLAY_NAME_MAX = 64;

/** Control characters, line/paragraph separators and bidi overrides/isolates (see the server's rule). */
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export type DisplayNameCheck = { ok: true; value: string } | { ok: false; message: string };

export function checkDisplayName(raw: string): DisplayNameCheck {
  const value = raw.trim();
  if (value.length === 0) return { ok: false, message: 'Enter the name others will see.' };
  // Code points, not UTF-16 units: an emoji or an accented letter counts once.
  if ([...value].length > DISPLAY_NAME_MAX)
    return { ok: false, message: `Keep the name to ${DISPLAY_NAME_MAX} characters or fewer.` };
  if (FORBIDDEN.test(value))
    return { ok: false, message: 'The name cannot contain line breaks or control characters.' };
  return { ok: true, value };
}
