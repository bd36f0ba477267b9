/**
 * Staff sign-in and sign-out from the browser, the way next-auth's own client does it (fetch a CSRF
 * token, POST the form with `json`, follow the URL it answers with), without `next-auth/react`: that
 * client brings a session provider, a broadcast channel and a regenerator runtime (about 12 KB gzipped)
 * to every page, for two buttons. The routes are next-auth's (`app/api/auth/[...nextauth]`).
 */
const AUTH_BASE = '/api/auth';

async function postAuthForm(path: string, callbackUrl: string): Promise<void> {
  const csrf = (await (await fetch(`${AUTH_BASE}/csrf`)).json()) as { csrfToken: string };
  const res = await fetch(`${AUTH_BASE}/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl, json: 'true' }),
  });
  const { url } = (await res.json()) as { url?: string };
  const next = url ?? callbackUrl;
  window.location.href = next;
  // Only the hash changed: assigning it would not load the page.
  if (next.includes('#')) window.location.reload();
}

/** Starts the OIDC sign-in with the named provider; the browser leaves for the identity provider. */
export const signIn = (provider: string, { callbackUrl }: { callbackUrl: string }) =>
  postAuthForm(`signin/${encodeURIComponent(provider)}`, callbackUrl);

/** Ends the staff session (next-auth's signOut event deletes it on the server) and goes to `callbackUrl`. */
export const signOut = ({ callbackUrl }: { callbackUrl: string }) => postAuthForm('signout', callbackUrl);
