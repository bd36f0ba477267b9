import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TENANT_ID } from '../constants';
import {
  REDIRECT_URI,
  admin,
  createTestUser,
  oidcConfig,
  signIn,
  startTestEmulator,
  type TestEmulator,
} from '../testing';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

describe('OIDC (Entra stand-in) with openid-client', () => {
  it('publishes discovery under /oidc with the emulator issuer', async () => {
    const config = await oidcConfig(emu);
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(`${emu.url}/oidc`);
    expect(meta.authorization_endpoint).toBe(`${emu.url}/oidc/auth`);
    expect(meta.token_endpoint).toBe(`${emu.url}/oidc/token`);
    expect(meta.jwks_uri).toBe(`${emu.url}/oidc/jwks`);
    expect(meta.end_session_endpoint).toBe(`${emu.url}/oidc/session/end`);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    const jwks = (await (await fetch(meta.jwks_uri!)).json()) as { keys: Array<{ kty: string; d?: string }> };
    expect(jwks.keys[0]?.kty).toBe('RSA');
    expect(jwks.keys[0]?.d).toBeUndefined();
  });

  it('signs a user in with code + PKCE; tokens carry Entra claims; refresh rotates', async () => {
    const user = await createTestUser(emu, 'Pat Doe');
    const r = await signIn(emu, { username: user.upn, password: user.password });
    if (!r.ok) throw new Error('sign-in failed');
    expect(r.callbackUrl.startsWith(REDIRECT_URI)).toBe(true);

    const id = r.tokens.claims()!;
    expect(id).toMatchObject({
      oid: user.id,
      tid: TENANT_ID,
      name: 'Pat Doe',
      preferred_username: user.upn,
      email: user.upn,
    });
    expect(id.iss).toBe(`${emu.url}/oidc`);

    const at = decodeJwt(r.tokens.access_token);
    expect(at.aud).toBe('https://graph.microsoft.com');
    expect(at.iss).toBe(`${emu.url}/oidc`);
    expect(at).toMatchObject({
      oid: user.id,
      tid: TENANT_ID,
      name: 'Pat Doe',
      preferred_username: user.upn,
      appid: 'vestibule-local-dev',
    });
    expect(String(at.scp).split(' ').sort()).toEqual(['Calendars.Read', 'OnlineMeetings.ReadWrite', 'User.Read']);

    const refreshToken = r.tokens.refresh_token;
    expect(refreshToken).toBeTruthy();
    const refreshed = await oidc.refreshTokenGrant(r.config, refreshToken!);
    expect(decodeJwt(refreshed.access_token)).toMatchObject({ oid: user.id, aud: 'https://graph.microsoft.com' });
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(refreshToken);
    // Rotation: the old refresh token is spent.
    await expect(oidc.refreshTokenGrant(r.config, refreshToken!)).rejects.toThrow();
  });

  it('shows a clear error on wrong credentials and issues no code', async () => {
    const user = await createTestUser(emu);
    const r = await signIn(emu, { username: user.upn, password: 'wrong-password' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.status).toBe(401);
    expect(r.html).toContain('role="alert"');
    expect(r.html).toContain('Your username or password is incorrect');
    expect(r.html).toContain('<label for="password">Password</label>');
  });

  it('refuses a redirect URI that is not registered', async () => {
    const config = await oidcConfig(emu);
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: 'http://localhost:9/evil',
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('redirect_uri');
  });

  it('issues app-only Graph tokens with roles by client credentials', async () => {
    const app = await admin<{ clientId: string; clientSecret: string }>(emu, 'POST', '/apps', {
      displayName: 'Reporting daemon',
      roles: ['OnlineMeetings.Read.All'],
    });
    expect(app.status).toBe(201);
    const config = await oidcConfig(emu, app.body.clientId, app.body.clientSecret);
    const t = await oidc.clientCredentialsGrant(config, { scope: 'https://graph.microsoft.com/.default' });
    const claims = decodeJwt(t.access_token);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      roles: ['OnlineMeetings.Read.All'],
      appid: app.body.clientId,
      tid: TENANT_ID,
    });
    expect(claims.scp).toBeUndefined();

    const bad = await oidcConfig(emu, app.body.clientId, 'not-the-secret');
    await expect(oidc.clientCredentialsGrant(bad, { scope: 'https://graph.microsoft.com/.default' })).rejects.toThrow();
  });

  it('offers RP-initiated logout for the app origins', async () => {
    const user = await createTestUser(emu);
    const r = await signIn(emu, { username: user.upn, password: user.password });
    if (!r.ok) throw new Error('sign-in failed');
    const url = oidc.buildEndSessionUrl(r.config, {
      id_token_hint: r.tokens.id_token!,
      post_logout_redirect_uri: 'http://localhost:3999/',
    });
    const res = await fetch(url, { headers: { cookie: r.jar.header() } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Sign out');
    expect(html).toContain('op.logoutForm');
  });
});
