import { randomUUID } from 'node:crypto';

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

/**
 * Issues an ACS access token: an RS256 JWT signed with the key published at `/acs/jwks`.
 * Claims: `skypeid` (the identity without its `8:` prefix, as in real ACS tokens), `acs_id` (the full
 * communication identifier), `scp` (space-separated scopes, e.g. "voip chat"), `acsScope` (comma
 * separated, as real ACS writes it), `resourceId`, `iat`, `exp`, `jti`.
 */
export async function issueToken(
  db: Db,
  key: SigningKey,
  issuer: string,
  identityId: string,
  scopes: string[],
  expiresOn: Date,
): Promise<IssuedToken> {
  const jti = randomUUID();
  const exp = Math.floor(expiresOn.getTime() / 1000);
  const token = await new SignJWT({
    skypeid: identityId.replace(/^8:/, ''),
    acs_id: identityId,
    scp: scopes.join(' '),
    acsScope: scopes.join(','),
    resourceId: ACS_RESOURCE_ID,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(key.privateKey);
  db.prepare('INSERT INTO acs_tokens (jti, identity_id, expires_at) VALUES (?, ?, ?)').run(jti, identityId, exp);
  return { token, expiresOn: new Date(exp * 1000) };
}

export type AcsTokenVerification =
  | { ok: true; identityId: string; scopes: string[]; expiresOn: Date }
  | { ok: false; code: 'invalid' | 'expired' | 'revoked' | 'deleted'; message: string };

/**
 * Creates the verifier the calling service uses. Revocation and deletion take effect at once
 * (Azure may take up to 15 minutes; the emulator is stricter so tests see the intended outcome).
 */
export function createAcsTokenVerifier(db: Db, key: SigningKey) {
  const jwks = createLocalJWKSet({ keys: [key.publicJwk] });
  return async function verifyAcsToken(token: string): Promise<AcsTokenVerification> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'] }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) return { ok: false, code: 'expired', message: 'The token has expired.' };
      return { ok: false, code: 'invalid', message: 'The token is not a valid ACS access token.' };
    }
    const identityId = typeof payload.acs_id === 'string' ? payload.acs_id : undefined;
    const jti = payload.jti;
    if (!identityId || !jti || typeof payload.exp !== 'number') {
      return { ok: false, code: 'invalid', message: 'The token is not a valid ACS access token.' };
    }
    if (identityId.startsWith('8:acs:') && identityState(db, identityId) !== 'active') {
      return { ok: false, code: 'deleted', message: 'The identity of this token was deleted.' };
    }
    const row = db.prepare('SELECT revoked FROM acs_tokens WHERE jti = ?').get(jti) as { revoked: number } | undefined;
    if (!row) return { ok: false, code: 'invalid', message: 'The token was not issued by this emulator.' };
    if (row.revoked) return { ok: false, code: 'revoked', message: 'The token was revoked.' };
    const scp = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
    return { ok: true, identityId, scopes: scp, expiresOn: new Date(payload.exp * 1000) };
  };
}

export type AcsTokenVerifier = ReturnType<typeof createAcsTokenVerifier>;
