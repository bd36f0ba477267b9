/**
 * The staff refresh-token grant against the emulator's real OpenID Provider (oidc-provider): a user
 * signs in through code + PKCE, then Vestibule's openid-client grant redeems the refresh token the way
 * it will against Entra ID.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, startTestEmulator, type TestEmulator } from '@/emulator/testing';
import type * as GrantModule from './refresh-grant';

const SCOPE = 'openid profile email offline_access User.Read Calendars.ReadWrite OnlineMeetings.ReadWrite';

let emu: TestEmulator;
let grant: typeof GrantModule;

beforeAll(async () => {
  emu = await startTestEmulator();
  process.env.VESTIBULE_CLOUD = 'local';
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'vestibule-refresh-'));
  process.env.EMULATOR_URL = emu.url;
  process.env.EMULATOR_SMTP_PORT = String(emu.smtpPort);
  process.env.LOG_LEVEL = 'silent';
  grant = await import('./refresh-grant');
});

afterAll(async () => {
  await emu?.stop();
});

async function signedInRefreshToken(): Promise<string> {
  const user = await createTestUser(emu, 'Refresh Tester');
  const result = await signIn(emu, { username: user.upn, password: user.password }, SCOPE);
  if (!result.ok || !result.tokens.refresh_token) throw new Error('sign-in gave no refresh token');
  return result.tokens.refresh_token;
}

describe('staff refresh-token grant (openid-client against the emulator OIDC)', () => {
  it('returns a new Graph access token with its expiry and a rotated refresh token', async () => {
    const refreshToken = await signedInRefreshToken();
    const tokens = await grant.redeemRefreshToken(refreshToken);
    expect(decodeJwt(tokens.accessToken)).toMatchObject({ aud: 'https://graph.microsoft.com' });
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.refreshToken).not.toBe(refreshToken);
    expect(tokens.expiresAt.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
  });

  it('refuses a refresh token already redeemed (rotation spends it) as RefreshRefused', async () => {
    // Why graphAccessToken refreshes single-flight: a second redemption is refused (and oidc-provider
    // then revokes the whole grant as a suspected replay).
    const refreshToken = await signedInRefreshToken();
    await grant.redeemRefreshToken(refreshToken);
    await expect(grant.redeemRefreshToken(refreshToken)).rejects.toMatchObject({
      name: 'RefreshRefused',
      oauthError: 'invalid_grant',
    });
  });

  it('refuses a made-up refresh token as RefreshRefused', async () => {
    await expect(grant.redeemRefreshToken('not-a-real-refresh-token')).rejects.toBeInstanceOf(grant.RefreshRefused);
  });
});
