/**
 * Guest and staff sessions never stand in for each other: the real token route and requireStaff()
 * with real cookies (next-auth's encoding, the guest cookie), a temp SQLite database, and only the
 * request's cookie jar faked for next/headers (routes and pages read staff sessions through it).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as StaffModule from '@/lib/server/auth/staff';
import type * as TokenRoute from '@/app/api/shares/[shareId]/token/route';
import type * as GuestsModule from './index';

const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: () =>
    Promise.resolve({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) }),
}));

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'vestibule-guest-sep-'));
process.env.APP_URL = 'http://localhost:3000';
process.env.LOG_LEVEL = 'silent';

let staff: typeof StaffModule;
let tokenRoute: typeof TokenRoute;
let guests: typeof GuestsModule;
let staffCookie: string;
let guestCookie: string;
let shareId: string;

beforeAll(async () => {
  staff = await import('@/lib/server/auth/staff');
  tokenRoute = await import('@/app/api/shares/[shareId]/token/route');
  guests = await import('./index');
  const { getConfig } = await import('@/lib/config.js');
  const { getDb } = await import('@/lib/server/db');
  const { createStaffSession } = await import('@/lib/server/auth/staff-sessions');
  const { createGuestSession } = await import('./sessions');
  const { newShareId } = await import('@/lib/server/shares/ids');
  const config = getConfig();
  const sid = await createStaffSession({
    userId: 'user-1',
    tenantId: config.entra.tenantId,
    name: 'Adele Vance',
    email: 'adele@contoso.test',
    tokens: { accessToken: 'graph', refreshToken: 'refresh', expiresAt: new Date(Date.now() + 3600_000) },
  });
  staffCookie = await encode({ token: { sid }, secret: config.sessionSecret });
  const db = await getDb();
  const now = new Date();
  guestCookie = (await createGuestSession(db, { email: 'grace@example.com', now })).token;
  shareId = newShareId();
  await db
    .insertInto('shares')
    .values({
      id: shareId,
      meeting_id: 'm1',
      meeting_subject: 'Review',
      meeting_start: now.toISOString(),
      meeting_end: new Date(now.getTime() + 3600_000).toISOString(),
      organizer_id: 'user-1',
      organizer_name: 'Adele Vance',
      join_web_url: 'https://teams.microsoft.com/l/meetup-join/x',
      join_meeting_id: null,
      passcode: null,
      guest_email: 'alan@example.com',
      guest_name: null,
      message: null,
      inviter_id: 'user-1',
      inviter_name: 'Adele Vance',
      inviter_email: 'adele@contoso.test',
      time_zone: 'UTC',
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 7200_000).toISOString(),
      status: 'invited',
      delivery: 'sent',
      delivery_error: null,
      sent_at: null,
      revoked_at: null,
      revoked_by: null,
    })
    .execute();
});

/** A browser request to the token route carrying exactly these cookies. */
async function postToken(cookies: Record<string, string>, id = shareId): Promise<{ status: number; message: string }> {
  jar.clear();
  for (const [k, v] of Object.entries(cookies)) jar.set(k, v);
  const res = await tokenRoute.POST(
    new Request(`http://localhost:3000/api/shares/${id}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'sec-fetch-site': 'same-origin',
        cookie: Object.entries(cookies)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
      },
      body: JSON.stringify({ displayName: 'Someone' }),
    }),
    { params: Promise.resolve({ shareId: id }) },
  );
  return { status: res.status, message: ((await res.json()) as { error: { message: string } }).error.message };
}

describe('guest and staff sessions', () => {
  it('the token route answers 401 without any session, and 403 to a staff session', async () => {
    expect((await postToken({})).status).toBe(401);
    const asStaff = await postToken({ 'next-auth.session-token': staffCookie });
    expect(asStaff.status).toBe(403);
    expect(asStaff.message).toContain('signed in as staff');
  });

  it("the token route refuses a guest session for another guest's share with 403, and junk ids with 404", async () => {
    expect((await postToken({ 'vestibule-guest': guestCookie })).status).toBe(403);
    expect((await postToken({ 'vestibule-guest': guestCookie }, 'nope')).status).toBe(404);
  });

  it('a guest session is never a staff session, under either cookie name', async () => {
    for (const name of ['vestibule-guest', 'next-auth.session-token', '__Secure-next-auth.session-token']) {
      jar.clear();
      jar.set(name, guestCookie);
      await expect(staff.requireStaff(), name).rejects.toMatchObject({ status: 401 });
    }
    jar.clear();
    jar.set('next-auth.session-token', staffCookie);
    await expect(staff.requireStaff()).resolves.toMatchObject({ id: 'user-1' });
  });

  it('a staff cookie value is never a guest session', async () => {
    expect((await postToken({ 'vestibule-guest': staffCookie })).status).toBe(401);
  });

  it('the guest cookie is httpOnly and SameSite=Lax, and Secure with the __Host- prefix on https', () => {
    const now = new Date('2026-12-01T08:00:00Z');
    const expiresAt = new Date(now.getTime() + 12 * 3600_000);
    const plain = guests.guestSessionCookie({ token: 'abc', expiresAt, now }, 'http://localhost:3000');
    expect(plain).toMatch(/^vestibule-guest=abc; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Expires=/);
    expect(plain).not.toContain('Secure');
    const secure = guests.guestSessionCookie({ token: 'abc', expiresAt, now }, 'https://meet.contoso.com');
    expect(secure).toMatch(/^__Host-vestibule-guest=abc; Path=\/; HttpOnly; SameSite=Lax; .*; Secure$/);
    expect(guests.guestTokenFromCookieHeader('a=1; __Host-vestibule-guest=tok; b=2')).toBe('tok');
    expect(guests.guestTokenFromCookieHeader('next-auth.session-token=tok')).toBeUndefined();
  });
});
