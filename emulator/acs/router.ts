import { z } from 'zod';

import { ACS_AUTH_RESOURCE } from '../constants';
import type { EmulatorContext } from '../context';
import { readBody, sendEmpty, sendJson, type Ctx } from '../http';
import { verifyHmac } from './hmac';
import { verifyEntraToken } from '../oidc/verify';
import {
  ACS_SCOPES,
  MAX_TOKEN_MINUTES,
  MIN_TOKEN_MINUTES,
  createIdentity,
  deleteIdentity,
  identityState,
  issueToken,
  revokeTokens,
} from './tokens';

export const ACS_API_VERSIONS = ['2023-10-01', '2025-06-30'];

/** ACS REST error shape: `{ error: { code, message } }`. */
export function acsError(ctx: Ctx, status: number, code: string, message: string): void {
  sendJson(ctx.res, status, { error: { code, message } }, { 'x-ms-request-id': ctx.requestId });
}

const Minutes = z
  .number()
  .int()
  .min(MIN_TOKEN_MINUTES, `expiresInMinutes must be between ${MIN_TOKEN_MINUTES} and ${MAX_TOKEN_MINUTES}.`)
  .max(MAX_TOKEN_MINUTES, `expiresInMinutes must be between ${MIN_TOKEN_MINUTES} and ${MAX_TOKEN_MINUTES}.`);
const Scopes = z.array(z.enum(ACS_SCOPES)).min(1, 'At least one scope is required.');

const CreateBody = z
  .object({ createTokenWithScopes: z.array(z.enum(ACS_SCOPES)).optional(), expiresInMinutes: Minutes.optional() })
  .optional();
const IssueBody = z.object({ scopes: Scopes, expiresInMinutes: Minutes.optional() });
const ExchangeBody = z.object({ token: z.string().min(1), appId: z.string().min(1), userId: z.string().min(1) });

function expiry(minutes: number | undefined): Date {
  return new Date(Date.now() + (minutes ?? MAX_TOKEN_MINUTES) * 60_000);
}

const zodMessage = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

/** Paths (relative to the origin) this surface owns. */
export function isAcsPath(path: string): boolean {
  return (
    path === '/identities' ||
    path.startsWith('/identities/') ||
    path.startsWith('/teamsUser/') ||
    path.startsWith('/acs/')
  );
}

export function createAcsHandler(env: EmulatorContext) {
  return async function handleAcs(ctx: Ctx): Promise<void> {
    if (ctx.method === 'GET' && ctx.path === '/acs/jwks') {
      sendJson(ctx.res, 200, { keys: [env.keys.acs.publicJwk] }, { 'cache-control': 'public, max-age=300' });
      return;
    }

    const body = await readBody(ctx.req);
    const auth = verifyHmac(
      { method: ctx.method, pathAndQuery: ctx.req.url ?? '/', headers: ctx.req.headers, body },
      env.accessKey,
    );
    // ACS answers every authentication failure alike: 401 `Denied`, without saying what was wrong.
    if (!auth.ok) {
      env.log.info({ reason: auth.reason }, 'acs: request signature refused');
      return acsError(ctx, 401, 'Denied', 'Denied by the resource provider.');
    }

    const apiVersion = ctx.url.searchParams.get('api-version');
    if (!apiVersion || !ACS_API_VERSIONS.includes(apiVersion)) {
      return acsError(
        ctx,
        400,
        'UnsupportedApiVersion',
        `The api-version '${apiVersion ?? ''}' is not supported. Supported versions: ${ACS_API_VERSIONS.join(', ')}.`,
      );
    }

    let json: unknown;
    if (body.length > 0) {
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        return acsError(ctx, 400, 'InvalidRequestBody', 'The request body is not valid JSON.');
      }
    }

    const { path, method } = ctx;
    if (path === '/identities') {
      if (method !== 'POST') return acsError(ctx, 405, 'MethodNotAllowed', 'Use POST.');
      const parsed = CreateBody.safeParse(json);
      if (!parsed.success) return acsError(ctx, 400, 'ValidationError', zodMessage(parsed.error));
      const id = createIdentity(env.db);
      const scopes = parsed.data?.createTokenWithScopes;
      if (scopes && scopes.length > 0) {
        const t = await issueToken(env.db, env.keys.acs, id, scopes, expiry(parsed.data?.expiresInMinutes));
        return sendJson(ctx.res, 201, {
          identity: { id },
          accessToken: { token: t.token, expiresOn: t.expiresOn.toISOString() },
        });
      }
      return sendJson(ctx.res, 201, { identity: { id } });
    }

    if (path === '/teamsUser/:exchangeAccessToken') {
      if (method !== 'POST') return acsError(ctx, 405, 'MethodNotAllowed', 'Use POST.');
      const parsed = ExchangeBody.safeParse(json);
      if (!parsed.success) return acsError(ctx, 400, 'ValidationError', zodMessage(parsed.error));
      // Only an Entra token for the ACS Teams resource with Teams.ManageCalls will do, as in ACS:
      // a Graph token (or any other audience) is refused.
      const verified = await verifyEntraToken(env, parsed.data.token, ACS_AUTH_RESOURCE);
      if (!verified.ok) {
        const why =
          verified.reason === 'audience'
            ? `The Entra ID access token is not for ${ACS_AUTH_RESOURCE}.`
            : 'The Entra ID access token is not valid or has expired.';
        return acsError(ctx, 401, 'InvalidAccessToken', why);
      }
      const claims = verified.claims;
      if (!(claims.scp ?? '').split(' ').includes('Teams.ManageCalls')) {
        return acsError(ctx, 401, 'InvalidAccessToken', 'The Entra ID access token lacks the Teams.ManageCalls scope.');
      }
      if (claims.oid !== parsed.data.userId) {
        return acsError(ctx, 400, 'UserIdMismatch', 'userId does not match the oid claim of the token.');
      }
      if (claims.appid !== parsed.data.appId) {
        return acsError(ctx, 400, 'AppIdMismatch', 'appId does not match the appid claim of the token.');
      }
      const expiresOn = new Date((claims.exp ?? 0) * 1000);
      const t = await issueToken(
        env.db,
        env.keys.acs,
        `8:orgid:${claims.oid}`,
        ['Teams.ManageCalls', 'Teams.ManageChats'],
        expiresOn,
      );
      return sendJson(ctx.res, 200, { token: t.token, expiresOn: t.expiresOn.toISOString() });
    }

    const m = /^\/identities\/([^/]+)(?:\/(:issueAccessToken|:revokeAccessTokens))?$/.exec(path);
    if (!m) return acsError(ctx, 404, 'NotFound', 'No such ACS Identity operation.');
    let id: string;
    try {
      id = decodeURIComponent(m[1] ?? '');
    } catch {
      return acsError(ctx, 400, 'InvalidIdentity', 'The identity id is not valid.');
    }
    const state = identityState(env.db, id);
    if (state !== 'active') return acsError(ctx, 404, 'IdentityNotFound', `Identity '${id}' was not found.`);
    const action = m[2];

    if (!action) {
      if (method !== 'DELETE') return acsError(ctx, 405, 'MethodNotAllowed', 'Use DELETE.');
      deleteIdentity(env.db, id);
      return sendEmpty(ctx.res, 204);
    }
    if (method !== 'POST') return acsError(ctx, 405, 'MethodNotAllowed', 'Use POST.');
    if (action === ':revokeAccessTokens') {
      revokeTokens(env.db, id);
      return sendEmpty(ctx.res, 204);
    }
    const parsed = IssueBody.safeParse(json);
    if (!parsed.success) return acsError(ctx, 400, 'ValidationError', zodMessage(parsed.error));
    const t = await issueToken(env.db, env.keys.acs, id, parsed.data.scopes, expiry(parsed.data.expiresInMinutes));
    return sendJson(ctx.res, 200, { token: t.token, expiresOn: t.expiresOn.toISOString() });
  };
}
