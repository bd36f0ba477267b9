import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Options from './options';

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'vestibule-auth-options-'));
process.env.APP_URL = 'http://localhost:3000';
process.env.LOG_LEVEL = 'silent';

let options: ReturnType<typeof Options.authOptions>;
beforeAll(async () => {
  options = (await import('./options')).authOptions();
});

const now = () => Math.floor(Date.now() / 1000);

describe('staff cookies', () => {
  it('are Secure (with the __Secure-/__Host- prefixes) exactly when the app is served over https', async () => {
    const { authOptions } = await import('./options');
    const { getConfig } = await import('@/lib/config.js');
    expect(options.useSecureCookies).toBe(false);
    expect(authOptions({ ...getConfig(), appUrl: 'https://meet.contoso.com' }).useSecureCookies).toBe(true);
  });
});

describe('staff session lifetime', () => {
  it('states 12 hours, the life of the server session', () => {
    expect(options.session?.maxAge).toBe(12 * 3600);
  });

  it('ends the token when the server session ends, however often it is re-issued', async () => {
    const sessionEndsAt = now() + 3600; // signed in 11 h ago
    const jwt = await options.jwt!.encode!({
      token: { sid: 's', sessionEndsAt },
      secret: options.secret!,
      maxAge: options.session!.maxAge!,
    });
    const claims = (await decode({ token: jwt, secret: options.secret! })) as { exp: number };
    expect(Math.abs(claims.exp - sessionEndsAt)).toBeLessThanOrEqual(1);

    const session = (await options.callbacks!.session!({
      session: { expires: new Date((now() + 12 * 3600) * 1000).toISOString(), user: {} },
      token: { sessionEndsAt },
    } as never)) as { expires: string };
    expect(session.expires).toBe(new Date(sessionEndsAt * 1000).toISOString());
  });
});

describe('redirect callback (next-auth callbackUrl)', () => {
  const redirect = (url: string) => options.callbacks!.redirect!({ url, baseUrl: 'http://localhost:3000' });

  it('keeps same-origin paths and refuses everything else, without throwing on non-URLs', async () => {
    expect(await redirect('/portal/meetings/open')).toBe('http://localhost:3000/portal/meetings/open');
    expect(await redirect('http://localhost:3000/signed-out')).toBe('http://localhost:3000/signed-out');
    for (const bad of ['/..//evil.example/login', '/%2e%2e//evil.example', 'https://evil.example/', 'http://[::1'])
      expect(await redirect(bad), bad).toBe('http://localhost:3000/portal');
  });
});
