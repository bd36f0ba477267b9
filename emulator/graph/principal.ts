/**
 * Who is calling Graph: a signed-in user (delegated token with `scp`) or an application (app-only token
 * with `roles`), from an access token the emulator's Entra issued for the Graph resource. Refusals use
 * Graph's own codes and messages.
 */
import { GRAPH_RESOURCE } from '../constants';
import type { EmulatorContext } from '../context';
import type { Ctx } from '../http';
import { verifyEntraToken } from '../oidc/verify';
import { findUser, type User } from '../store/users';
import { GraphHttpError, badRequest, forbidden } from './errors';

export type Principal =
  { kind: 'user'; user: User; scopes: Set<string>; appId: string } | { kind: 'app'; appId: string; roles: Set<string> };

export async function authenticate(env: EmulatorContext, ctx: Ctx): Promise<Principal> {
  const header = ctx.req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m?.[1]) throw new GraphHttpError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  const v = await verifyEntraToken(env, m[1], GRAPH_RESOURCE);
  if (!v.ok) {
    const message =
      v.reason === 'expired'
        ? 'Lifetime validation failed, the token is expired.'
        : v.reason === 'audience'
          ? 'Access token validation failure. Invalid audience.'
          : 'Access token validation failure.';
    throw new GraphHttpError(401, 'InvalidAuthenticationToken', message);
  }
  const c = v.claims;
  const appId = c.appid ?? c.azp ?? '';
  if (c.idtyp === 'app' || !c.oid) {
    return { kind: 'app', appId, roles: new Set(Array.isArray(c.roles) ? c.roles : []) };
  }
  const user = findUser(env.db, c.oid);
  if (!user) throw new GraphHttpError(401, 'InvalidAuthenticationToken', 'The user of this token no longer exists.');
  return { kind: 'user', user, appId, scopes: new Set((c.scp ?? '').split(' ').filter(Boolean)) };
}

export function delegated(p: Principal): Extract<Principal, { kind: 'user' }> {
  if (p.kind !== 'user') throw badRequest('/me request is only valid with delegated authentication flow.');
  return p;
}

export function requireScope(p: Principal, anyOf: string[], code: string, message: string): void {
  const has = p.kind === 'user' ? p.scopes : p.roles;
  if (!anyOf.some((s) => has.has(s))) throw forbidden(message, code);
}
