import { request as httpRequest } from 'node:http';
import { expect, test } from './fixtures';
import { APP_URL } from '../playwright.config';
import { createMeeting, createStaff, signInAsStaff } from './support/emulator';

/**
 * Probes of issue #12 against the production build over real HTTP: each was answered wrongly before
 * (a buffered upload, an open redirect, a 500), and must keep being answered right.
 */

/** Streams a chunked POST of up to `totalBytes`, stopping as soon as the server answers. */
function chunkedUpload(path: string, totalBytes: number): Promise<{ status: number; sentBytes: number }> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const req = httpRequest(`${APP_URL}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, sentBytes });
      req.destroy();
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = (): void => {
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.byteLength;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

test.describe('hardening', () => {
  test('a chunked 200 MB upload to the sign-in endpoint is refused with 413', async () => {
    // Next's proxy drains (and discards) the rest of the upload before the route answers; what it
    // keeps in memory is capped at 256 KB (next.config.js), and the route refuses that as too large.
    const { status } = await chunkedUpload('/api/auth/signin/entra', 200 * 1024 * 1024);
    expect(status).toBe(413);
  });

  test('bodies with a declared length over the cap are refused on API and auth routes', async ({ request }) => {
    const big = 'a'.repeat(1024 * 1024);
    const auth = await request.post('/api/auth/signin/entra', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: big,
    });
    expect(auth.status()).toBe(413);
    const api = await request.post('/api/join/some-share/sign-in', {
      headers: { 'content-type': 'application/json' },
      data: big,
    });
    expect(api.status()).toBe(413);
  });

  test('sign-in sends signed-in staff only to this site, whatever the callbackUrl', async ({ page }) => {
    await signInAsStaff(page, await createStaff('Rita Redirect'));
    for (const callbackUrl of [
      '/..//evil.example/login',
      '/.//evil.example/login',
      '/x/..//evil.example/login',
      '/%2e%2e//evil.example/login',
      '//evil.example/login',
      '/\\evil.example/login',
      'https://evil.example/login',
    ]) {
      const res = await page.request.get(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`, {
        maxRedirects: 0,
      });
      expect(res.status(), callbackUrl).toBe(307);
      expect(res.headers().location, callbackUrl).toBe('/portal');
    }
    const kept = await page.request.get(`/signin?callbackUrl=${encodeURIComponent('/portal/meetings/open?x=1')}`, {
      maxRedirects: 0,
    });
    expect(kept.headers().location).toBe('/portal/meetings/open?x=1');
  });

  test('malformed input gets 400 JSON or the 404 page, never a 500', async ({ request }) => {
    for (const path of ['/api/meetings/%ff', '/api/shares/%E0%A4%A/status', '/api/join/%C3%28/sign-in']) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe('bad_request');
    }

    const session = await request.get('/api/auth/session?callbackUrl=notaurl');
    expect(session.status()).toBe(400);
    const csrf = await request.post('/api/auth/csrf', {
      headers: { 'content-type': 'application/json' },
      data: Buffer.from('this is not json'), // a string would be sent JSON-encoded
    });
    expect(csrf.status()).toBe(400);
    expect(((await csrf.json()) as { error: { code: string } }).error.code).toBe('bad_request');

    for (const path of ['/join/%E0%A4%A', '/portal/meetings/%ff']) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(404);
      expect(await res.text(), path).toContain('Page not found');
    }
  });

  test('sign-out ends the Microsoft sign-in too: signing in again asks for the password', async ({ page }) => {
    const staff = await createStaff('Sam Shared-Computer');
    await signInAsStaff(page, staff);
    await page.getByRole('button', { name: 'Sign out' }).click();
    // The identity provider's own sign-out (RP-initiated logout) confirms, then sends people back.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/signed-out/);
    await expect(page.getByRole('heading', { level: 1, name: 'You have signed out' })).toBeVisible();

    await page.goto('/portal');
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await expect(page.getByLabel(/password/i)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Your Teams meetings' })).toHaveCount(0);
    expect((await page.request.get('/api/meetings')).status()).toBe(401);
  });

  test('the activity log records the real client, not an X-Forwarded-For the client made up', async ({ page }) => {
    const organizer = await createStaff('Ivy Ipaddress');
    const meeting = await createMeeting(organizer, 'Address check', 30);
    await signInAsStaff(page, organizer);
    const path = `/api/meetings/${encodeURIComponent(meeting.id)}`;
    const created = await page.request.post(`${path}/shares`, {
      headers: { 'x-forwarded-for': '6.6.6.6', 'x-vestibule-peer-address': '6.6.6.7' },
      data: { guests: [{ email: `ivy.${Date.now()}@fabrikam.example` }] },
    });
    expect(created.status()).toBe(201);
    const audit = (await (await page.request.get(`${path}/audit`)).json()) as {
      events: { action: string; ip: string | null }[];
    };
    const ip = audit.events.find((e) => e.action === 'share.created')?.ip;
    // The journeys' server has no proxy in front (TRUSTED_PROXY_HOPS=0): the TCP peer is loopback.
    expect(['127.0.0.1', '::1']).toContain(ip);
    await page.goto(`/portal/meetings/${encodeURIComponent(meeting.id)}`);
    await expect(page.getByRole('cell', { name: 'this computer' }).first()).toBeVisible();
  });
});
