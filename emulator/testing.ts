/**
 * Helpers for tests that run an emulator in-process: start one on random ports with a temp data
 * dir, call the admin API, and sign a staff user in through the real OIDC flow (openid-client).
 * Not a test file; imported by emulator tests (and usable by app tests).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import * as oidc from 'openid-client';

import { ADMIN_REQUEST_HEADERS, DEV_CLIENT_ID, DEV_CLIENT_SECRET } from './constants';
import { startEmulator, type RunningEmulator } from './index';

export const TEST_APP_ORIGIN = 'http://localhost:3999';
export const REDIRECT_URI = `${TEST_APP_ORIGIN}/api/auth/callback/entra`;

export type TestEmulator = RunningEmulator & { dataDir: string; stop(): Promise<void> };

export async function startTestEmulator(dataDir?: string): Promise<TestEmulator> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'vestibule-emulator-'));
  const emu = await startEmulator({ port: 0, smtpPort: 0, dataDir: dir, quiet: true, appOrigins: [TEST_APP_ORIGIN] });
  return {
    ...emu,
    dataDir: dir,
    async stop() {
      await emu.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function admin<T = unknown>(
  emu: { url: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${emu.url}/admin${path}`, {
    method,
    headers: ADMIN_REQUEST_HEADERS,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

let counter = 0;
export async function createTestUser(emu: { url: string }, name = 'Test User') {
  const n = `${Date.now().toString(36)}${(counter++).toString(36)}`;
  const upn = `user-${n}@contoso.test`;
  const password = `pw-${n}`;
  const r = await admin<{ id: string; upn: string }>(emu, 'POST', '/users', { displayName: name, upn, password });
  if (r.status !== 201) throw new Error(`create user failed: ${r.status}`);
  return { id: r.body.id, upn, password, displayName: name };
}

export async function oidcConfig(emu: { url: string }, clientId = DEV_CLIENT_ID, clientSecret = DEV_CLIENT_SECRET) {
  return oidc.discovery(new URL(`${emu.url}/oidc`), clientId, clientSecret, undefined, {
    execute: [oidc.allowInsecureRequests],
  });
}

/** A tiny cookie jar: enough for the emulator's own login pages. */
export class CookieJar {
  #cookies = new Map<string, string>();
  store(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export const DEFAULT_SCOPE = 'openid profile email offline_access User.Read Calendars.Read OnlineMeetings.ReadWrite';

/**
 * Drives the authorization code + PKCE flow like a browser would: GET authorize, follow to the
 * login page, POST the form with the session cookies, follow redirects until the app's redirect
 * URI. Returns the last login page HTML when the credentials are refused.
 */
export async function signIn(
  emu: { url: string },
  creds: { username: string; password: string },
  scope = DEFAULT_SCOPE,
) {
  const config = await oidcConfig(emu);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const jar = new CookieJar();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), cookie: jar.header() },
    });
    jar.store(res);
    return res;
  };
  let res = await go(authUrl.href);
  let location = res.headers.get('location');
  // Follow to the login page.
  while (res.status >= 300 && res.status < 400 && location && !location.startsWith(REDIRECT_URI)) {
    res = await go(new URL(location, emu.url).href);
    location = res.headers.get('location');
  }
  const loginHtml = await res.text();
  const action = /<form method="post" action="([^"]+)"/.exec(loginHtml)?.[1];
  if (!action) throw new Error(`no login form (status ${res.status}): ${loginHtml.slice(0, 300)}`);
  res = await go(new URL(action, emu.url).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: creds.username, password: creds.password }).toString(),
  });
  if (res.status < 300 || res.status >= 400) {
    return { ok: false as const, status: res.status, html: await res.text() };
  }
  location = res.headers.get('location');
  while (location && !location.startsWith(REDIRECT_URI)) {
    res = await go(new URL(location, emu.url).href);
    location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400)
      throw new Error(`unexpected ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }
  if (!location) throw new Error('no redirect to the app');
  const tokens = await oidc.authorizationCodeGrant(config, new URL(location), {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  return { ok: true as const, tokens, config, callbackUrl: location, jar };
}

/** Signs a fresh user in and returns a Graph access token with the given delegated scopes. */
export async function graphTokenFor(
  emu: { url: string },
  creds: { username: string; password: string },
  scope = DEFAULT_SCOPE,
) {
  const r = await signIn(emu, creds, scope);
  if (!r.ok) throw new Error(`sign-in failed: ${r.status}`);
  return r.tokens.access_token;
}

/** The scope an Entra token needs for ACS's Teams-user token exchange. */
export const ACS_TEAMS_SCOPE = 'https://auth.msft.communication.azure.com/Teams.ManageCalls';

/**
 * An Entra access token for the ACS Teams resource, as `getTokenForTeamsUser` requires: the signed-in
 * user's refresh token redeemed for `Teams.ManageCalls` (Entra refresh tokens span resources).
 */
export async function acsTeamsTokenFor(signedIn: {
  config: oidc.Configuration;
  tokens: { refresh_token?: string };
}): Promise<string> {
  if (!signedIn.tokens.refresh_token) throw new Error('no refresh token to redeem');
  return (await oidc.refreshTokenGrant(signedIn.config, signedIn.tokens.refresh_token, { scope: ACS_TEAMS_SCOPE }))
    .access_token;
}

/**
 * A Graph SDK client for the emulator. Why a custom middleware chain: the SDK's
 * AuthenticationHandler only attaches the bearer token to https URLs of Graph hosts or
 * `customHosts` (GraphRequestUtil.isValidEndpoint ignores http://), so `Client.init({ baseUrl:
 * 'http://localhost:4010/graph', authProvider })` sends no Authorization header. A chain of our own
 * auth middleware + the SDK's RetryHandler + HTTPMessageHandler works with both clouds.
 */
export function emulatorGraphClient(baseUrl: string, getToken: () => Promise<string> | string): Client {
  const auth: Middleware & { next?: Middleware } = {
    async execute(context: Context) {
      const token = await getToken();
      const value = `Bearer ${token}`;
      if (typeof Request !== 'undefined' && context.request instanceof Request) {
        context.request.headers.set('Authorization', value);
      } else {
        const options = (context.options ??= {});
        if (options.headers instanceof Headers) options.headers.set('Authorization', value);
        else options.headers = { ...(options.headers as Record<string, string> | undefined), Authorization: value };
      }
      await auth.next!.execute(context);
    },
    setNext(next: Middleware) {
      auth.next = next;
    },
  };
  return Client.initWithMiddleware({
    baseUrl,
    defaultVersion: 'v1.0',
    middleware: [auth, new RetryHandler(), new HTTPMessageHandler()],
  });
}
