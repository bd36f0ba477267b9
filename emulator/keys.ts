import { createPrivateKey, generateKeyPairSync, randomUUID, type JsonWebKey, type KeyObject } from 'node:crypto';

import { kvGet, kvSet, type Db } from './store/db';

export type SigningKey = {
  kid: string;
  privateKey: KeyObject;
  /** Private JWK (for oidc-provider's keystore). */
  privateJwk: Record<string, unknown> & { kid: string };
  /** Public JWK as published. */
  publicJwk: Record<string, unknown> & { kid: string };
};

/**
 * Loads an RSA signing key from the db, creating it on first start. Persisting it keeps tokens
 * issued before a restart verifiable, as they would be in the cloud.
 */
export function loadSigningKey(db: Db, name: string): SigningKey {
  let stored = kvGet(db, `key:${name}`);
  if (!stored) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = {
      ...privateKey.export({ format: 'jwk' }),
      kid: `${name}-${randomUUID().slice(0, 8)}`,
      alg: 'RS256',
      use: 'sig',
    };
    stored = JSON.stringify(jwk);
    kvSet(db, `key:${name}`, stored);
  }
  const privateJwk = JSON.parse(stored) as Record<string, unknown> & { kid: string };
  const privateKey = createPrivateKey({ key: privateJwk as JsonWebKey, format: 'jwk' });
  const { kty, n, e, kid, alg, use } = privateJwk;
  return { kid: privateJwk.kid, privateKey, privateJwk, publicJwk: { kty, n, e, kid, alg, use } };
}
