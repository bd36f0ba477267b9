import 'server-only';
import type { AuthOptions } from 'next-auth';
import { encode } from 'next-auth/jwt';
import { getConfig } from '@/lib/config.js';
import { safeReturnPath } from '@/lib/server/http/return-path';
import { log } from '@/lib/server/log';
import { createStaffSession, deleteStaffSession, STAFF_SESSION_HOURS } from './staff-sessions';

/**
 * Delegated Graph permissions Vestibule asks for; the README lists them for the app registration.
 * Calendars.ReadWrite (not .Read): scheduling creates a calendar event (POST /me/events), which Graph
 * allows only with write access to the calendar.
 */
export const GRAPH_SCOPES = 'User.Read Calendars.ReadWrite OnlineMeetings.ReadWrite';
const STAFF_SCOPES = `openid profile email offline_access ${GRAPH_SCOPES}`;

/** Claims of an Entra ID token that Vestibule reads. */
interface EntraProfile {
  sub: string;
  oid: string;
  tid: string;
  name?: string;
  preferred_username?: string;
  email?: string;
}

/**
 * next-auth with one OpenID Connect provider: Microsoft Entra ID in azure mode, the emulator's issuer
 * in local mode — the same code, discovered from the issuer's metadata. The browser's cookie holds
 * only a session id and display data; Graph tokens stay in the database (sealed).
 */
export function authOptions(config = getConfig()): AuthOptions {
  return {
    secret: config.sessionSecret,
    // Stated, not left to next-auth's guess from NEXTAUTH_URL: on https every next-auth cookie is
    // Secure, with the __Secure-/__Host- prefixes (the session, CSRF and callback cookies).
    useSecureCookies: config.appUrl.startsWith('https://'),
    session: { strategy: 'jwt', maxAge: STAFF_SESSION_HOURS * 3600 },
    // next-auth re-issues the cookie on every visit with a fresh maxAge, so on its own the token would
    // promise 12 h from the last visit while the server session ends 12 h after sign-in. The token's
    // `exp` is the server session's end instead, and the session says so (see callbacks.session).
    jwt: {
      encode: (params) => encode({ ...params, maxAge: secondsLeft(params.token?.sessionEndsAt, params.maxAge) }),
    },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      {
        id: 'entra',
        name: 'Microsoft Entra ID',
        type: 'oauth',
        wellKnown: `${config.entra.issuer}/.well-known/openid-configuration`,
        clientId: config.entra.clientId,
        clientSecret: config.entra.clientSecret,
        authorization: { params: { scope: STAFF_SCOPES } },
        checks: ['pkce', 'state'],
        idToken: true,
        profile(profile: EntraProfile) {
          return {
            id: profile.oid,
            name: profile.name ?? profile.preferred_username ?? 'Staff member',
            email: profile.email ?? profile.preferred_username ?? null,
          };
        },
      },
    ],
    callbacks: {
      // next-auth's default accepts any URL starting with '/' (so `/..//evil.example` is an open
      // redirect) and throws on a value that is not a URL (500 on `?callbackUrl=notaurl`).
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeReturnPath(url, baseUrl)}`;
      },
      // Only accounts of the configured tenant are staff; anyone else is turned away at the door.
      signIn({ profile }) {
        const claims = (profile ?? {}) as Record<string, unknown>;
        const tid = claims.tid;
        // B2B guest accounts carry the resource tenant's tid too; Entra marks them with the optional
        // `acct` claim (1 = guest) when the app registration asks for it, as the README says to.
        if (tid !== config.entra.tenantId || claims.acct === 1) {
          log.warn({ tid }, 'sign-in refused: account from another tenant');
          return '/signin?error=NotStaff';
        }
        return true;
      },
      async jwt({ token, account, profile }) {
        if (account && profile) {
          const p = profile as EntraProfile;
          if (!account.access_token) throw new Error('the identity provider returned no access token');
          token.sid = await createStaffSession({
            userId: p.oid,
            tenantId: p.tid,
            name: p.name ?? p.preferred_username ?? 'Staff member',
            email: p.email ?? p.preferred_username ?? '',
            tokens: {
              accessToken: account.access_token,
              refreshToken: account.refresh_token,
              expiresAt: new Date((account.expires_at ?? Math.floor(Date.now() / 1000) + 3600) * 1000),
            },
          });
          token.sessionEndsAt = Math.floor(Date.now() / 1000) + STAFF_SESSION_HOURS * 3600;
          token.oid = p.oid;
          // Kept only as the id_token_hint of RP-initiated logout (see end-session.ts).
          token.idToken = account.id_token;
          token.tid = p.tid;
        }
        return token;
      },
      session({ session, token }) {
        // Only what pages display; the session id itself stays inside the encrypted cookie.
        const expires =
          typeof token.sessionEndsAt === 'number'
            ? new Date(token.sessionEndsAt * 1000).toISOString()
            : session.expires;
        return { ...session, expires, user: { name: token.name, email: token.email } };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token.sid === 'string') await deleteStaffSession(token.sid);
      },
    },
    logger: {
      error: (code, metadata) => log.error({ code, metadata }, 'next-auth error'),
      warn: (code) => log.warn({ code }, 'next-auth warning'),
      debug: () => undefined,
    },
  };
}

/** Seconds until the server session ends (never more than next-auth's maxAge). */
function secondsLeft(sessionEndsAt: unknown, maxAge: number | undefined): number {
  const cap = maxAge ?? STAFF_SESSION_HOURS * 3600;
  if (typeof sessionEndsAt !== 'number') return cap;
  return Math.max(0, Math.min(cap, sessionEndsAt - Math.floor(Date.now() / 1000)));
}
