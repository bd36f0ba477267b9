import 'server-only';
import * as oidc from 'openid-client';
import { getConfig } from '@/lib/config.js';
import { GRAPH_SCOPES } from './options';
import type { GraphTokens } from './staff-sessions';

/** The identity provider refused the refresh token (consumed, revoked, expired, or our client refused). */
export class RefreshRefused extends Error {
  constructor(
    readonly oauthError: string,
    options: { cause: unknown },
  ) {
    super(`refresh refused: ${oauthError}`, options);
    this.name = 'RefreshRefused';
  }
}

let configuration: Promise<oidc.Configuration> | undefined;

/**
 * The OAuth client for the staff sign-in's identity provider, from its discovery document (fetched
 * once per process; a failed discovery is retried on the next refresh rather than cached).
 * openid-client checks that the document's issuer is exactly the configured one. client_secret_basic,
 * as next-auth authenticates the code exchange, so both grants use the same client authentication.
 */
function clientConfiguration(): Promise<oidc.Configuration> {
  const { entra, cloud } = getConfig();
  configuration ??= oidc
    .discovery(new URL(entra.issuer), entra.clientId, undefined, oidc.ClientSecretBasic(entra.clientSecret), {
      // The emulator serves plain http on localhost; Entra is always https, and only there.
      execute: cloud === 'local' ? [oidc.allowInsecureRequests] : [],
      timeout: 5,
    })
    .then((config) => {
      // A refresh blocks the request that needed a Graph token: give up after 10 s, not the default 30.
      config.timeout = 10;
      return config;
    })
    .catch((error: unknown) => {
      configuration = undefined;
      throw error;
    });
  return configuration;
}

/**
 * Redeems a refresh token for a new access token (Graph by default; `scope` asks for another resource,
 * such as the ACS Teams scope) (and, where the provider rotates them, a new
 * refresh token). Asks for the Graph scopes only: Entra v2 requires a scope list on refresh, and the
 * sign-in scopes (openid, profile…) are not needed again. Throws RefreshRefused when the provider
 * said no; anything else (network, timeout, a malformed answer) is thrown as is.
 */
export async function redeemRefreshToken(refreshToken: string, scope: string = GRAPH_SCOPES): Promise<GraphTokens> {
  const config = await clientConfiguration();
  try {
    const tokens = await oidc.refreshTokenGrant(config, refreshToken, { scope });
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: new Date(Date.now() + (tokens.expiresIn() ?? 3600) * 1000),
    };
  } catch (error) {
    if (
      (error instanceof oidc.ResponseBodyError || error instanceof oidc.WWWAuthenticateChallengeError) &&
      (error.status === 400 || error.status === 401)
    ) {
      const oauthError = error instanceof oidc.ResponseBodyError ? error.error : `HTTP ${error.status} challenge`;
      throw new RefreshRefused(oauthError, { cause: error });
    }
    throw error;
  }
}
