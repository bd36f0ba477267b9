import 'server-only';

/** Where people land after sign-in when they asked for nowhere (or somewhere they may not go). */
export const DEFAULT_RETURN_PATH = '/portal';

/**
 * The same-origin path to send someone back to, or `/portal`. The value is resolved the way a
 * browser would resolve it against the app (so `..`, `%2e%2e`, backslashes, tabs and newlines are
 * already applied) and only then judged: another origin is refused, and so is a path that, once
 * normalised, starts with `//` — `/..//evil.example` becomes `//evil.example`, which a browser reads
 * as another host when it is sent back as a `Location`.
 */
export function safeReturnPath(value: string | null | undefined, appOrigin: string): string {
  if (!value) return DEFAULT_RETURN_PATH;
  let app: URL;
  let target: URL;
  try {
    app = new URL(appOrigin);
    target = new URL(value, app);
  } catch {
    return DEFAULT_RETURN_PATH;
  }
  if (target.origin !== app.origin) return DEFAULT_RETURN_PATH;
  if (target.pathname.startsWith('//') || target.pathname.startsWith('/\\')) return DEFAULT_RETURN_PATH;
  return `${target.pathname}${target.search}${target.hash}`;
}

/** An invitation page (`/join/{shareId}`), nothing below or beside it. */
const INVITATION_PATH = /^\/join\/[A-Za-z0-9_-]{1,64}$/;

/**
 * Where the device check leads back to: the invitation it was opened from, or nothing (then it shows
 * no way back). Judged by `safeReturnPath`'s rules first, then it must be an invitation page, with no
 * query or fragment: the link can only ever take a guest back to an invitation on this site.
 */
export function invitationReturnPath(value: string | null | undefined, appOrigin: string): string | undefined {
  if (!value) return undefined;
  const path = safeReturnPath(value, appOrigin);
  return INVITATION_PATH.test(path) ? path : undefined;
}
