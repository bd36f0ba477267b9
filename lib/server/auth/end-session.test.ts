import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, startTestEmulator, TEST_APP_ORIGIN, type TestEmulator } from '@/emulator/testing';
import type * as EndSession from './end-session';

let emu: TestEmulator;
let mod: typeof EndSession;

beforeAll(async () => {
  emu = await startTestEmulator();
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'vestibule-end-session-'));
  process.env.EMULATOR_URL = emu.url;
  process.env.APP_URL = TEST_APP_ORIGIN;
  process.env.LOG_LEVEL = 'silent';
  mod = await import('./end-session');
});
afterAll(async () => {
  await emu?.stop();
});

const cleared = 'next-auth.session-token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax';

describe('sign-out at the identity provider', () => {
  it("sends a completed sign-out to the provider's end-session page, which accepts it", async () => {
    const user = await createTestUser(emu);
    const signedIn = await signIn(emu, { username: user.upn, password: user.password });
    if (!signedIn.ok) throw new Error('sign-in failed');
    const nextAuthAnswer = Response.json({ url: `${TEST_APP_ORIGIN}/` }, { headers: { 'set-cookie': cleared } });

    const res = await mod.continueSignOutAtIdentityProvider(nextAuthAnswer, signedIn.tokens.id_token);
    const { url } = (await res.json()) as { url: string };
    expect(res.headers.getSetCookie()).toEqual([cleared]);
    const target = new URL(url);
    expect(`${target.origin}${target.pathname}`).toBe(`${emu.url}/oidc/session/end`);
    expect(target.searchParams.get('post_logout_redirect_uri')).toBe(`${TEST_APP_ORIGIN}/signed-out`);
    expect(target.searchParams.get('id_token_hint')).toBe(signedIn.tokens.id_token);

    // The emulator (like Entra) accepts the registered return address and asks to confirm.
    const page = await fetch(url, { headers: { cookie: signedIn.jar.header() } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('op.logoutForm');
  });

  it('leaves a refused sign-out (session cookie not cleared) as next-auth answered it', async () => {
    const refused = Response.json({ url: `${TEST_APP_ORIGIN}/api/auth/signout?csrf=true` });
    const res = await mod.continueSignOutAtIdentityProvider(refused, 'x');
    expect(res).toBe(refused);
  });
});
