import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';

import type { EmulatorContext } from '../context';

export type EntraClaims = JWTPayload & {
  oid?: string;
  tid?: string;
  name?: string;
  preferred_username?: string;
  scp?: string;
  roles?: string[];
  appid?: string;
  azp?: string;
};

export type EntraVerification =
  { ok: true; claims: EntraClaims } | { ok: false; reason: 'expired' | 'invalid' | 'audience' };

const jwksCache = new WeakMap<object, ReturnType<typeof createLocalJWKSet>>();

/** Verifies an access token issued by this emulator's OIDC issuer (signature, issuer, expiry, audience). */
export async function verifyEntraToken(
  env: EmulatorContext,
  token: string,
  audience?: string,
): Promise<EntraVerification> {
  let jwks = jwksCache.get(env.keys.oidc);
  if (!jwks) {
    jwks = createLocalJWKSet({ keys: [env.keys.oidc.publicJwk] });
    jwksCache.set(env.keys.oidc, jwks);
  }
  try {
    const { payload } = await jwtVerify(token, jwks, {
      issuer: `${env.origin}/oidc`,
      algorithms: ['RS256'],
      ...(audience ? { audience } : {}),
    });
    const claims: EntraClaims = payload;
    return { ok: true, claims };
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
    if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === 'aud') return { ok: false, reason: 'audience' };
    return { ok: false, reason: 'invalid' };
  }
}
