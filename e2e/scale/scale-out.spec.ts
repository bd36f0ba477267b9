import { readFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import { expect, test } from '../fixtures';
import { createMeeting, createStaff, mailsTo, signInAsStaff } from '../support/emulator';
import { guestCallPage, joinAsGuest, signInGuest } from '../support/guest';
import { killGroup } from './cluster';
import { cluster } from './state';

// Two app instances behind nginx (round-robin) on one PostgreSQL database. Whatever a person does
// through the proxy lands on either instance; nothing may depend on which one, and losing one
// instance must lose nothing.
const SLOW = { timeout: 30_000 };

interface AccessLine {
  upstreams: string[];
  status: number;
  request: string;
}

/** nginx's log: which instance (or instances, when retried) answered each request. */
function accessLog(): AccessLine[] {
  return readFileSync(cluster().accessLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [upstreams = '', , status = '0', request = ''] = line.split('|');
      return { upstreams: upstreams.split(', ').filter((u) => u !== '-'), status: Number(status), request };
    });
}

const address = (port: number) => `127.0.0.1:${port}`;

async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** A request straight to one instance, bypassing the proxy, with a browser's cookies. */
function direct(port: number, path: string, init: RequestInit & { cookie?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('cookie', init.cookie);
  return fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers });
}

test('nginx spreads requests over both instances (round-robin)', async ({ request }) => {
  const answered = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const res = await request.get('/api/health/ready');
    expect(res.status()).toBe(200);
    answered.add(res.headers()['x-upstream'] ?? '');
  }
  expect([...answered].sort()).toEqual(
    cluster()
      .instances.map((i) => address(i.port))
      .sort(),
  );
});

test('staff and guests go from invitation to call through either instance; killing one mid-journey loses nothing', async ({
  page,
  browser,
}) => {
  const { instances, proxyUrl } = cluster();
  const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];

  // Staff sign-in: the OIDC round trip (state and PKCE cookies, the callback) crosses instances.
  const organizer = await createStaff('Sam Scale');
  const meeting = await createMeeting(organizer, 'Scale-out review', 1, { lobbyBypassScope: 'everyone' });
  await signInAsStaff(page, organizer);
  const stamp = Date.now();
  const emails = [`ann.${stamp}@fabrikam.example`, `bob.${stamp}@northwind.example`, `cy.${stamp}@tailspin.example`];
  const created = await page.request.post(`/api/meetings/${encodeURIComponent(meeting.id)}/shares`, {
    data: { guests: emails.map((email) => ({ email })) },
  });
  expect(created.status()).toBe(201);
  const [shareA, shareB, shareC] = ((await created.json()) as { shares: { id: string; joinPath: string }[] })
    .shares as [{ id: string; joinPath: string }, { id: string; joinPath: string }, { id: string; joinPath: string }];
  await mailsTo(emails[0]!);

  // The staff session and the shares are the database's: each instance, asked directly, knows both.
  const staffCookie = await cookieHeader(page.context());
  for (const instance of instances) {
    const res = await direct(instance.port, `/api/meetings/${encodeURIComponent(meeting.id)}/shares`, {
      cookie: staffCookie,
    });
    expect(res.status, `staff session on ${instance.name}`).toBe(200);
    expect(JSON.stringify(await res.json())).toContain(emails[2]);
  }

  // Rate limits are counted in the database: 5 sign-in mails per address per 15 minutes in total,
  // however the requests alternate between instances (per-process counters would allow 10).
  const askForMail = (port: number) =>
    direct(port, `/api/join/${shareC.id}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: proxyUrl },
      body: JSON.stringify({ email: emails[2] }),
    });
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await askForMail(i % 2 === 0 ? a.port : b.port)).status);
  expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);

  // Staff keep the meeting page open: its live status comes from the database, whichever instance
  // answers each poll.
  await page.goto(`/portal/meetings/${encodeURIComponent(meeting.id)}`);
  const rowA = page.getByTestId(`share-${emails[0]}`);
  const rowB = page.getByTestId(`share-${emails[1]}`);

  // Guests sign in by link and by code: the sign-in is requested on one instance, redeemed on either.
  const ann = await browser.newContext({ baseURL: proxyUrl, permissions: ['camera', 'microphone'] });
  const bob = await browser.newContext({ baseURL: proxyUrl, permissions: ['camera', 'microphone'] });
  try {
    const annPage = await ann.newPage();
    const bobPage = await bob.newPage();
    await signInGuest(annPage, { joinUrl: shareA.joinPath, email: emails[0]!, via: 'link' });
    await signInGuest(bobPage, { joinUrl: shareB.joinPath, email: emails[1]!, via: 'code' });
    await expect(rowA).toContainText('Signed in', SLOW);
    await expect(rowB).toContainText('Signed in', SLOW);

    // A guest session works on each instance, asked directly.
    const annCookie = await cookieHeader(ann);
    for (const instance of instances) {
      const res = await direct(instance.port, `/api/shares/${shareA.id}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'Ann Fabrikam' }),
        cookie: annCookie,
      });
      expect(res.status, `guest session on ${instance.name}`).toBe(200);
    }

    // Up to here, both instances answered the journey's requests.
    const beforeKill = accessLog();
    for (const instance of instances) {
      expect(beforeKill.filter((l) => l.upstreams.includes(address(instance.port))).length).toBeGreaterThan(5);
    }

    // Instance B dies (SIGKILL: no draining) while staff watch and both guests are about to join.
    killGroup(b.pgid, 'SIGKILL');
    await expect
      .poll(() =>
        direct(b.port, '/api/health/live').then(
          () => 'up',
          () => 'down',
        ),
      )
      .toBe('down');

    await joinAsGuest(annPage, { name: 'Ann Fabrikam' });
    await joinAsGuest(bobPage, { name: 'Bob Northwind' });
    await expect.poll(() => guestCallPage(annPage), SLOW).toBe('call');
    await expect.poll(() => guestCallPage(bobPage), SLOW).toBe('call');
    await expect(rowA).toContainText('Joined', SLOW);
    await expect(rowB).toContainText('Joined', SLOW);
    await page.reload();
    await expect(page.getByTestId(`share-${emails[0]}`)).toContainText('Joined');

    // nginx noticed: at least one request went to B, was refused, and was answered by A; after the
    // kill, nothing failed.
    const afterKill = accessLog().slice(beforeKill.length);
    expect(afterKill.some((l) => l.upstreams.join(',') === `${address(b.port)},${address(a.port)}`)).toBe(true);
    expect(afterKill.filter((l) => l.status >= 500)).toEqual([]);
  } finally {
    await ann.close();
    await bob.close();
  }
});
