import Provider, { errors, type AccessTokenLike, type KoaContextWithOIDC } from 'oidc-provider';

import { ACS_AUTH_RESOURCE, ACS_TEAMS_SCOPES, GRAPH_DELEGATED_SCOPES, GRAPH_RESOURCE, TENANT_ID } from '../constants';
import type { EmulatorContext } from '../context';
import { findApp } from '../store/apps';
import { findUser } from '../store/users';
import { createAdapterClass } from './adapter';

// Dev-only cookie signing key: the emulator's cookies protect nothing of value.
const COOKIE_KEYS = ['vestibule-emulator-dev-cookie-key-not-a-secret'];

const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

type ClientArg = { clientId: string };

function resourceServer(indicator: string) {
  const base = { accessTokenFormat: 'jwt', accessTokenTTL: 60 * 60, jwt: { sign: { alg: 'RS256' } } };
  if (indicator === GRAPH_RESOURCE) {
    // `.default` lets app-only clients ask Entra-style for `https://graph.microsoft.com/.default`.
    return {
      ...base,
      audience: GRAPH_RESOURCE,
      scope: [...GRAPH_DELEGATED_SCOPES, `${GRAPH_RESOURCE}/.default`].join(' '),
    };
  }
  if (indicator === ACS_AUTH_RESOURCE) {
    return {
      ...base,
      audience: ACS_AUTH_RESOURCE,
      scope: ACS_TEAMS_SCOPES.map((s) => `${ACS_AUTH_RESOURCE}/${s}`).join(' '),
    };
  }
  return undefined;
}

/** Graph scopes as a client may write them: bare (`User.Read`) or qualified (`https://graph.microsoft.com/User.Read`). */
function requestedGraphScopes(scopes: Iterable<string>): string[] {
  const known = new Set<string>(GRAPH_DELEGATED_SCOPES);
  const out: string[] = [];
  for (const s of scopes) {
    const bare = s.startsWith(`${GRAPH_RESOURCE}/`) ? s.slice(GRAPH_RESOURCE.length + 1) : s;
    if (known.has(bare)) out.push(bare);
  }
  return out;
}

export function createProvider(env: EmulatorContext): Provider {
  const issuer = `${env.origin}/oidc`;
  const redirectUris = env.appOrigins.map((o) => `${o}/api/auth/callback/entra`);
  const postLogoutUris = env.appOrigins.flatMap((o) => [`${o}/`, o, `${o}/signed-out`]);

  const provider = new Provider(issuer, {
    adapter: createAdapterClass(env.db),
    clients: [
      {
        client_id: env.clientId,
        client_secret: env.clientSecret,
        client_name: 'Vestibule (local dev)',
        redirect_uris: redirectUris,
        post_logout_redirect_uris: postLogoutUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [env.keys.oidc.privateJwk] },
    cookies: {
      keys: COOKIE_KEYS,
      // Lax rather than the library's `none`: browsers drop SameSite=None cookies without Secure on http.
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    scopes: [...OIDC_SCOPES, ...GRAPH_DELEGATED_SCOPES],
    claims: {
      openid: ['sub', 'oid', 'tid'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    // Entra puts the profile claims in the ID token of a code flow; next-auth reads them from there.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, sub: string) => {
      const user = findUser(env.db, sub);
      if (!user) return undefined;
      return {
        accountId: user.id,
        claims: () => ({
          sub: user.id,
          oid: user.id,
          tid: TENANT_ID,
          name: user.displayName,
          preferred_username: user.upn,
          email: user.upn,
        }),
      };
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/oidc/interaction/${interaction.uid}`,
    },
    // Consent is auto-granted (Vestibule is a first-party app with admin consent in a real tenant):
    // every requested OIDC scope and Graph scope goes into the grant.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existingId = session.grantIdFor(client.clientId);
      const grant =
        (existingId ? await ctx.oidc.provider.Grant.find(existingId) : undefined) ??
        new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      const oidcScopes = [...ctx.oidc.requestParamOIDCScopes];
      if (oidcScopes.length) grant.addOIDCScope(oidcScopes.join(' '));
      const graphScopes = requestedGraphScopes(ctx.oidc.requestParamScopes);
      if (graphScopes.length) grant.addResourceScope(GRAPH_RESOURCE, graphScopes.join(' '));
      // The Teams scopes of ACS are consented for Vestibule by the tenant's admin (see the README's
      // app registration), so its refresh token can be redeemed for them later, as in Entra.
      if (client.clientId === env.clientId) {
        grant.addResourceScope(ACS_AUTH_RESOURCE, ACS_TEAMS_SCOPES.map((s) => `${ACS_AUTH_RESOURCE}/${s}`).join(' '));
      }
      await grant.save();
      return grant;
    },
    // OIDC Core drops offline_access unless prompt=consent; Entra does not, and next-auth never
    // sends prompt=consent. So a client allowed the refresh_token grant always gets a refresh token
    // that outlives the browser session.
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    expiresWithSession: () => false,
    rotateRefreshToken: true,
    pkce: { required: () => true },
    clientBasedCORS: () => true,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: { body: string }, form: string) => {
          ctx.body = page(
            'Sign out',
            `<h1>Sign out of Contoso (emulated)?</h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
          );
        },
        postLogoutSuccessSource: (ctx: { body: string }) => {
          ctx.body = page('Signed out', '<h1>You have signed out</h1><p>You can close this window.</p>');
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx: KoaContextWithOIDC, _client: ClientArg, oneOf?: string[]) => {
          // Like Entra, the scopes name the resource: `https://auth.msft.communication.azure.com/…`
          // means ACS, bare Graph permission names (and `.default`) mean Graph.
          const scope = typeof ctx.oidc.params?.scope === 'string' ? ctx.oidc.params.scope : '';
          const wanted = scope.includes(`${ACS_AUTH_RESOURCE}/`) ? ACS_AUTH_RESOURCE : GRAPH_RESOURCE;
          if (oneOf?.length) return oneOf.includes(wanted) ? wanted : oneOf[0];
          return wanted;
        },
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string) => {
          const info = resourceServer(indicator);
          if (!info) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
          return info;
        },
      },
    },
    // Entra-style claims in access tokens: `scp` (delegated) or `roles` (app-only), `appid`, `tid`, ...
    extraTokenClaims: (_ctx: unknown, token: AccessTokenLike) => {
      const appid = token.clientId;
      if (token.accountId) {
        const user = findUser(env.db, token.accountId);
        return {
          oid: token.accountId,
          tid: TENANT_ID,
          name: user?.displayName,
          preferred_username: user?.upn,
          // Entra writes bare permission names in scp (`Teams.ManageCalls`, not the resource-qualified form).
          scp: (token.scope ?? '')
            .split(' ')
            .map((s) => s.replace(`${ACS_AUTH_RESOURCE}/`, '').replace(`${GRAPH_RESOURCE}/`, ''))
            .join(' '),
          appid,
          azp: appid,
          idtyp: 'user',
          ver: '1.0',
        };
      }
      const app = appid ? findApp(env.db, appid) : undefined;
      return { tid: TENANT_ID, roles: app?.roles ?? [], appid, azp: appid, idtyp: 'app', ver: '1.0' };
    },
    ttl: {
      AccessToken: 60 * 60,
      ClientCredentials: 60 * 60,
      IdToken: 60 * 60,
      AuthorizationCode: 5 * 60,
      Interaction: 60 * 60,
      Session: 14 * 24 * 60 * 60,
      Grant: 90 * 24 * 60 * 60,
      RefreshToken: 90 * 24 * 60 * 60,
    },
    renderError: (ctx: { body: string; type: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      const rows = Object.entries(out)
        .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(String(v))}</dd>`)
        .join('');
      ctx.body = page('Sign-in error', `<h1>Sign-in error</h1><dl>${rows}</dl>`);
    },
  });
  return provider;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Contoso (emulated)</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
label{display:block;margin-top:1rem;font-weight:600}input{display:block;width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin-top:1.25rem;padding:.5rem 1rem;font-size:1rem}.error{color:#a4262c;border:1px solid #a4262c;padding:.5rem;margin-top:1rem}
.note{color:#555;font-size:.9rem}</style></head>
<body><main>${body}</main></body></html>`;
}
