import 'server-only';
import { decode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getConfig } from '@/lib/config.js';
import { AppError } from '@/lib/server/errors';
import { log } from '@/lib/server/log';
import { processSingleton } from '@/lib/server/process-singleton';
import { GRAPH_SCOPES } from './options';
import { deleteStaffSession, findStaffSession, updateStaffTokens, type GraphTokens } from './staff-sessions';

/** A signed-in employee, as server code sees them. */
export interface Staff {
  id: string;
  tenantId: string;
  name: string;
  email: string;
  sessionId: string;
}

export const SIGN_IN_AGAIN = 'Your Microsoft sign-in has ended. Sign in again to continue.';

/**
 * The signed-in staff member, or undefined (not signed in, signed out, or session expired). Memoized
 * per server render with React's cache(): the layout's header and the page both ask, and one cookie
 * decode and one session read per request is enough.
 */
export const getStaff = cache(async (): Promise<Staff | undefined> => {
  const sid = await sessionIdFromCookie();
  if (!sid) return undefined;
  const record = await findStaffSession(sid);
  if (!record) return undefined;
  return { id: record.userId, tenantId: record.tenantId, name: record.name, email: record.email, sessionId: record.id };
});

/** For staff routes and pages: 401 when nobody is signed in, 403 when the account is not staff. */
export async function requireStaff(): Promise<Staff> {
  const staff = await getStaff();
  if (!staff) throw new AppError('unauthenticated', 'Sign in with your work account to continue.');
  if (staff.tenantId !== getConfig().entra.tenantId) {
    throw new AppError('forbidden', 'This area is for staff of the organization only.');
  }
  return staff;
}

/**
 * The staff session id from next-auth's encrypted cookie. Read directly (rather than through
 * getServerSession, whose session shape deliberately omits the id) so pages and routes share one path.
 */
async function sessionIdFromCookie(): Promise<string | undefined> {
  const jar = await cookies();
  const raw = jar.get('__Secure-next-auth.session-token')?.value ?? jar.get('next-auth.session-token')?.value;
  if (!raw) return undefined;
  const token = await decode({ token: raw, secret: getConfig().sessionSecret }).catch(() => null);
  return typeof token?.sid === 'string' ? token.sid : undefined;
}

const REFRESH_MARGIN_MS = 2 * 60_000;
const refreshing = processSingleton('graph-token-refreshes', () => new Map<string, Promise<string>>());

let tokenEndpoint: Promise<string> | undefined;
function discoverTokenEndpoint(): Promise<string> {
  tokenEndpoint ??= fetch(`${getConfig().entra.issuer}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(5000),
  })
    .then(async (res) => {
      if (!res.ok) throw new Error(`discovery answered ${res.status}`);
      const meta = (await res.json()) as { token_endpoint?: unknown };
      if (typeof meta.token_endpoint !== 'string') throw new Error('discovery has no token_endpoint');
      return meta.token_endpoint;
    })
    .catch((error: unknown) => {
      tokenEndpoint = undefined;
      throw error;
    });
  return tokenEndpoint;
}

async function redeemRefreshToken(refreshToken: string, scope: string = GRAPH_SCOPES): Promise<GraphTokens> {
  const { entra } = getConfig();
  // client_secret_basic, as next-auth authenticates the code exchange (RFC 6749 §2.3.1 form-encodes both parts).
  const basic = Buffer.from(`${encodeURIComponent(entra.clientId)}:${encodeURIComponent(entra.clientSecret)}`).toString(
    'base64',
  );
  const res = await fetch(await discoverTokenEndpoint(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    // Only the Graph scopes: a refresh asks for a new Graph access token (Entra v2 requires a scope
    // list here, and the sign-in scopes are not needed again).
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, scope }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    refresh_token?: string;
    expires_in?: number;
    error?: string;
  };
  if (!res.ok || !body.access_token) {
    throw Object.assign(new Error(`refresh refused: ${body.error ?? res.status}`), {
      oauthError: body.error,
      status: res.status,
    });
  }
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresAt: new Date(Date.now() + (body.expires_in ?? 3600) * 1000),
  };
}

/**
 * A Graph access token for this staff member, refreshed shortly before it expires. Refreshes are
 * single-flight per session (a rotating refresh token can be redeemed only once). If the identity
 * provider refuses the refresh, the session is ended and the person is asked to sign in again.
 */
export async function graphAccessToken(staff: Staff): Promise<string> {
  const record = await findStaffSession(staff.sessionId);
  if (!record) throw new AppError('unauthenticated', SIGN_IN_AGAIN);
  if (record.tokens.expiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS) return record.tokens.accessToken;

  let pending = refreshing.get(record.id);
  if (!pending) {
    pending = (async () => {
      const refreshToken = record.tokens.refreshToken;
      if (!refreshToken) throw new AppError('unauthenticated', SIGN_IN_AGAIN);
      try {
        const tokens = await redeemRefreshToken(refreshToken);
        await updateStaffTokens(record.id, tokens);
        return tokens.accessToken;
      } catch (error) {
        if (error instanceof AppError) throw error;
        const status = (error as { status?: number }).status;
        if (status === 400 || status === 401) {
          // Another server instance may have redeemed this (rotating) refresh token a moment ago:
          // then the session already holds a fresh access token, and nothing is wrong.
          const current = await findStaffSession(record.id);
          if (
            current &&
            current.tokens.accessToken !== record.tokens.accessToken &&
            current.tokens.expiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS
          ) {
            return current.tokens.accessToken;
          }
          // invalid_grant and friends: the grant is gone (revoked, expired, consumed). Sign out cleanly.
          log.info({ userId: record.userId, err: error }, 'Graph token refresh refused; ending the session');
          await deleteStaffSession(record.id);
          throw new AppError('unauthenticated', SIGN_IN_AGAIN);
        }
        throw new AppError('upstream_unavailable', 'Microsoft sign-in could not be reached. Try again in a moment.', {
          cause: error,
        });
      }
    })().finally(() => refreshing.delete(record.id));
    refreshing.set(record.id, pending);
  }
  return pending;
}

/** What ACS's Teams-user token exchange requires: an Entra token for the ACS Teams resource. */
export const ACS_TEAMS_SCOPE = 'https://auth.msft.communication.azure.com/Teams.ManageCalls';

/**
 * An Entra access token for the ACS Teams resource (`Teams.ManageCalls`), for staff joining their
 * meeting as themselves through `getTokenForTeamsUser`; a Graph token is refused there. Entra refresh
 * tokens span resources, so the session's refresh token is redeemed for this scope and the rotated
 * one stored; the session's Graph access token stays as it is. It waits for a Graph refresh in flight
 * first, so the same (rotating) refresh token is never redeemed twice.
 */
export async function acsTeamsAccessToken(staff: Staff): Promise<string> {
  await refreshing.get(staff.sessionId)?.catch(() => undefined);
  const record = await findStaffSession(staff.sessionId);
  if (!record?.tokens.refreshToken) throw new AppError('unauthenticated', SIGN_IN_AGAIN);
  let tokens: GraphTokens;
  try {
    tokens = await redeemRefreshToken(record.tokens.refreshToken, ACS_TEAMS_SCOPE);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 400 || status === 401) throw new AppError('unauthenticated', SIGN_IN_AGAIN, { cause: error });
    throw new AppError('upstream_unavailable', 'Microsoft sign-in could not be reached. Try again in a moment.', {
      cause: error,
    });
  }
  if (tokens.refreshToken) {
    await updateStaffTokens(record.id, {
      accessToken: record.tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: record.tokens.expiresAt,
    });
  }
  return tokens.accessToken;
}
