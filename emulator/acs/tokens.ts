import { createHash, createPublicKey, randomUUID } from 'node:crypto';

import { SignJWT, createLocalJWKSet, errors as joseErrors, jwtVerify } from 'jose';

import { ACS_RESOURCE_ID } from '../constants';
import type { SigningKey } from '../keys';
import type { Db } from '../store/db';

export const ACS_SCOPES = ['chat', 'voip', 'chat.join', 'chat.join.limited', 'voip.join'] as const;
export const MIN_TOKEN_MINUTES = 60;
export const MAX_TOKEN_MINUTES = 1440;

export function newAcsIdentityId(): string {
  return `8:acs:${ACS_RESOURCE_ID}_${randomUUID()}`;
}

export function createIdentity(db: Db): string {
  const id = newAcsIdentityId();
  db.prepare('INSERT INTO acs_identities (id, created_at) VALUES (?, ?)').run(id, new Date().toISOString());
  return id;
}

/** 'active' | 'deleted' | 'missing' */
export function identityState(db: Db, id: string): 'active' | 'deleted' | 'missing' {
  const row = db.prepare('SELECT deleted FROM acs_identities WHERE id = ?').get(id) as { deleted: number } | undefined;
  if (!row) return 'missing';
  return row.deleted ? 'deleted' : 'active';
}

export function revokeTokens(db: Db, id: string): void {
  db.prepare('UPDATE acs_tokens SET revoked = 1 WHERE identity_id = ?').run(id);
}

/** Deleting keeps a tombstone so the id is never reused and its old tokens stay refused. */
export function deleteIdentity(db: Db, id: string): void {
  db.transaction(() => {
    db.prepare('UPDATE acs_identities SET deleted = 1 WHERE id = ?').run(id);
    revokeTokens(db, id);
  })();
}

export type IssuedToken = { token: string; expiresOn: Date };

/** Where the emulated ACS resource "lives", as real tokens name it. */
const RESOURCE_LOCATION = 'unitedstates';
const REGION = 'amer';
/** Real ACS tokens carry this numeric `scp` whatever `acsScope` says. */
const ACS_SCP = 1792;

/** The registry row of a token: a hash of the token itself, because real tokens have no `jti`. */
const tokenKey = (token: string) => createHash('sha256').update(token).digest('base64url');

/** SHA-1 thumbprint of the signing key, as `x5t` (base64url) and as the upper-case hex `kid` form. */
function thumbprint(key: SigningKey): string {
  const der = createPublicKey(key.privateKey).export({ format: 'der', type: 'spki' });
  return createHash('sha1').update(der).digest('base64url');
}

/**
 * Issues an ACS access token with the claim set of real ones and nothing more: header
 * `{alg: RS256, kid, x5t, typ: JWT}`; payload `skypeid` (the identity without its `8:` prefix),
 * numeric `scp` (1792), `csi` (issue time as a string), `exp`, `rgn`, `acsScope` (comma-separated
 * scopes), `resourceId`, `resourceLocation`, `iat`. No `iss`, `aud` or `jti`: revocation is tracked
 * server-side by a hash of the token. Signed with the key published at `/acs/jwks`.
 */
export async function issueToken(
  db: Db,
  key: SigningKey,
  identityId: string,
  scopes: string[],
  expiresOn: Date,
): Promise<IssuedToken> {
  const iat = Math.floor(Date.now() / 1000);
  const exp = Math.floor(expiresOn.getTime() / 1000);
  // Key order as in real tokens.
  const token = await new SignJWT({
    skypeid: identityId.replace(/^8:/, ''),
    scp: ACS_SCP,
    csi: String(iat),
    exp,
    rgn: REGION,
    acsScope: scopes.join(','),
    resourceId: ACS_RESOURCE_ID,
    resourceLocation: RESOURCE_LOCATION,
    iat,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, x5t: thumbprint(key), typ: 'JWT' })
    .sign(key.privateKey);
  // RS256 is deterministic: the same identity, scopes and second give the same token, issued afresh.
  db.prepare(
    'INSERT INTO acs_tokens (jti, identity_id, expires_at) VALUES (?, ?, ?) ON CONFLICT (jti) DO UPDATE SET revoked = 0',
  ).run(tokenKey(token), identityId, exp);
  return { token, expiresOn: new Date(exp * 1000) };
}

export type AcsTokenVerification =
  | { ok: true; identityId: string; scopes: string[]; expiresOn: Date }
  | { ok: false; code: 'invalid' | 'expired' | 'revoked' | 'deleted'; message: string };

/**
 * Creates the verifier the calling service uses. It reads the identity from `skypeid` and the
 * scopes from `acsScope`, as a service holding a real token would. Revocation and deletion take
 * effect at once (Azure may take up to 15 minutes; the emulator is stricter so tests see the
 * intended outcome).
 */
export function createAcsTokenVerifier(db: Db, key: SigningKey) {
  const jwks = createLocalJWKSet({ keys: [key.publicJwk] });
  const invalid = (message = 'The token is not a valid ACS access token.'): AcsTokenVerification => ({
    ok: false,
    code: 'invalid',
    message,
  });
  return async function verifyAcsToken(token: string): Promise<AcsTokenVerification> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'], requiredClaims: ['exp', 'iat'] }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) return { ok: false, code: 'expired', message: 'The token has expired.' };
      return invalid();
    }
    if (typeof payload.skypeid !== 'string' || typeof payload.acsScope !== 'string' || typeof payload.exp !== 'number')
      return invalid();
    const identityId = `8:${payload.skypeid}`;
    if (identityId.startsWith('8:acs:') && identityState(db, identityId) !== 'active') {
      return { ok: false, code: 'deleted', message: 'The identity of this token was deleted.' };
    }
    const row = db.prepare('SELECT revoked FROM acs_tokens WHERE jti = ?').get(tokenKey(token)) as
      { revoked: number } | undefined;
    if (!row) return invalid('The token was not issued by this emulator.');
    if (row.revoked) return { ok: false, code: 'revoked', message: 'The token was revoked.' };
    const scopes = payload.acsScope.split(',').filter(Boolean);
    return { ok: true, identityId, scopes, expiresOn: new Date(payload.exp * 1000) };
  };
}

export type AcsTokenVerifier = ReturnType<typeof createAcsTokenVerifier>;
