import 'server-only';
import { getConfig } from '@/lib/config.js';
import { log } from '@/lib/server/log';

/** Where the identity provider sends people after it has ended their sign-in. */
export const SIGNED_OUT_PATH = '/signed-out';

const DISCOVERY_TIMEOUT_MS = 5_000;
let endSessionEndpoint: Promise<string | undefined> | undefined;

/** The issuer's `end_session_endpoint` (Entra's and oidc-provider's discovery both publish one), once per process. */
async function discoverEndSessionEndpoint(issuer: string): Promise<string | undefined> {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`discovery answered HTTP ${res.status}`);
  const doc = (await res.json()) as { end_session_endpoint?: unknown };
  return typeof doc.end_session_endpoint === 'string' ? doc.end_session_endpoint : undefined;
}

/**
 * Where to send the browser once Vestibule's own session is gone: the identity provider's
 * RP-initiated logout (OIDC RP-Initiated Logout 1.0), so that the next "Sign in with Microsoft" on
 * a shared computer asks for a password instead of silently signing the previous person in again.
 * It comes back to the signed-out page. Without a known endpoint (discovery failed), the signed-out
 * page directly: Vestibule's session is still ended, and the page says to close the browser.
 */
export async function endSessionUrl(idToken: string | undefined): Promise<string> {
  const { appUrl, entra } = getConfig();
  const signedOut = `${appUrl}${SIGNED_OUT_PATH}`;
  endSessionEndpoint ??= discoverEndSessionEndpoint(entra.issuer).catch((error: unknown) => {
    endSessionEndpoint = undefined; // try again next time
    log.warn({ err: error }, 'end_session_endpoint discovery failed');
    return undefined;
  });
  const endpoint = await endSessionEndpoint;
  if (!endpoint) return `${signedOut}?idp=unknown`;
  const url = new URL(endpoint);
  if (idToken) url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('client_id', entra.clientId);
  url.searchParams.set('post_logout_redirect_uri', signedOut);
  return url.toString();
}

/**
 * Turns next-auth's answer to a completed sign-out (its session cookie cleared) into a redirect to
 * the identity provider's end-session URL; any other answer (a CSRF failure, say) passes unchanged.
 * next-auth answers `signOut()` from the browser with JSON `{ url }`, a plain form post with a 302.
 */
export async function continueSignOutAtIdentityProvider(
  response: Response,
  idToken: string | undefined,
): Promise<Response> {
  const cleared = response.headers.getSetCookie().some((c) => /session-token=;/.test(c));
  if (!cleared) return response;
  const url = await endSessionUrl(idToken);
  const headers = new Headers(response.headers);
  if (headers.has('location')) {
    headers.set('location', url);
    return new Response(null, { status: response.status, headers });
  }
  if ((headers.get('content-type') ?? '').includes('application/json')) {
    headers.delete('content-length');
    return new Response(JSON.stringify({ url }), { status: response.status, headers });
  }
  return response;
}
