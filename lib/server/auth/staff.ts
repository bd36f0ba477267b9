import 'server-only';
import { decode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getConfig } from '@/lib/config.js';
import { AppError } from '@/lib/server/errors';
import { log } from '@/lib/server/log';
import { getDb } from '@/lib/server/db';
import { processSingleton } from '@/lib/server/process-singleton';
import { withRefreshLease } from './refresh-lease';
import { redeemRefreshToken, RefreshRefused } from './refresh-grant';
import { deleteStaffSession, findStaffSession, updateStaffTokens, type GraphTokens } from './staff-sessions';

/** A signed-in employee, as server code sees them. */
export interface Staff {
  id: string;
  tenantId: string;
  name: string;
  email: string;
  sessionId: string;
}

const SIGN_IN_AGAIN = 'Your Microsoft sign-in has ended. Sign in again to continue.';

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

/** Tries to refresh before giving up: each try either refreshes or waits for an instance that does. */
const REFRESH_TRIES = 3;

const isFresh = (tokens: GraphTokens) => tokens.expiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS;

/**
 * A Graph access token for this staff member, refreshed shortly before it expires. Refreshes are
 * single-flight per session, within this process (the map) and across instances (the lease in the
 * database): a rotating refresh token can be redeemed only once. If the identity provider refuses
 * the refresh, the session is ended and the person is asked to sign in again.
 */
export async function graphAccessToken(staff: Staff): Promise<string> {
  const record = await findStaffSession(staff.sessionId);
  if (!record) throw new AppError('unauthenticated', SIGN_IN_AGAIN);
  if (isFresh(record.tokens)) return record.tokens.accessToken;

  let pending = refreshing.get(record.id);
  if (!pending) {
    pending = (async () => {
      const db = await getDb();
      for (let attempt = 0; attempt < REFRESH_TRIES; attempt++) {
        const outcome = await withRefreshLease(record.id, () => refreshGraphToken(record.id), { db });
        if (outcome.ran) return outcome.value;
        // Another instance held the lease; if its refresh was refused, it ended the session.
        if (!(await findStaffSession(record.id))) throw new AppError('unauthenticated', SIGN_IN_AGAIN);
      }
      throw new AppError('upstream_unavailable', 'Microsoft sign-in could not be reached. Try again in a moment.');
    })().finally(() => refreshing.delete(record.id));
    refreshing.set(record.id, pending);
  }
  return pending;
}

/**
 * Called holding the lease: reads the session afresh (another instance may have refreshed it between
 * our first read and the lease, rotating the refresh token we saw), then redeems and stores if needed.
 */
async function refreshGraphToken(sessionId: string): Promise<string> {
  const record = await findStaffSession(sessionId);
  if (!record) throw new AppError('unauthenticated', SIGN_IN_AGAIN);
  if (isFresh(record.tokens)) return record.tokens.accessToken;
  const refreshToken = record.tokens.refreshToken;
  if (!refreshToken) throw new AppError('unauthenticated', SIGN_IN_AGAIN);
  try {
    const tokens = await redeemRefreshToken(refreshToken);
    await updateStaffTokens(record.id, tokens);
    return tokens.accessToken;
  } catch (error) {
    if (error instanceof RefreshRefused) {
      // invalid_grant and friends: the grant is gone (revoked, expired, consumed). Sign out cleanly.
      log.info({ userId: record.userId, err: error }, 'Graph token refresh refused; ending the session');
      await deleteStaffSession(record.id);
      throw new AppError('unauthenticated', SIGN_IN_AGAIN);
    }
    throw new AppError('upstream_unavailable', 'Microsoft sign-in could not be reached. Try again in a moment.', {
      cause: error,
    });
  }
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
  const db = await getDb();
  for (let attempt = 0; attempt < REFRESH_TRIES; attempt++) {
    const outcome = await withRefreshLease(
      staff.sessionId,
      async () => {
        // Read holding the lease: another instance may just have rotated the refresh token.
        const record = await findStaffSession(staff.sessionId);
        if (!record?.tokens.refreshToken) throw new AppError('unauthenticated', SIGN_IN_AGAIN);
        let tokens: GraphTokens;
        try {
          tokens = await redeemRefreshToken(record.tokens.refreshToken, ACS_TEAMS_SCOPE);
        } catch (error) {
          if (error instanceof RefreshRefused) throw new AppError('unauthenticated', SIGN_IN_AGAIN, { cause: error });
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
      },
      { db },
    );
    if (outcome.ran) return outcome.value;
    if (!(await findStaffSession(staff.sessionId))) throw new AppError('unauthenticated', SIGN_IN_AGAIN);
  }
  throw new AppError('upstream_unavailable', 'Microsoft sign-in could not be reached. Try again in a moment.');
}
