/**
 * Who counts as staff: the sign-in callback turns other tenants away, and requireStaff() answers
 * 401 without a session and 403 for a session of another tenant. Real next-auth cookie encoding and
 * a real (temp) SQLite session store; only the request's cookie jar is faked.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as StaffModule from './staff';
import type * as SessionsModule from './staff-sessions';
import type * as OptionsModule from './options';

const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: () =>
    Promise.resolve({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) }),
}));

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'vestibule-auth-'));
process.env.LOG_LEVEL = 'silent';
const TENANT = '0f557ec4-039c-4796-b8e6-5e36072d90bc';

let staffModule: typeof StaffModule;
let sessions: typeof SessionsModule;
let options: typeof OptionsModule;
let secret: string;

beforeAll(async () => {
  staffModule = await import('./staff');
  sessions = await import('./staff-sessions');
  options = await import('./options');
  secret = (await import('@/lib/config.js')).getConfig().sessionSecret;
});

async function signInCookie(tenantId: string): Promise<string> {
  const sid = await sessions.createStaffSession({
    userId: 'user-1',
    tenantId,
    name: 'Adele Vance',
    email: 'adele@contoso.test',
    tokens: { accessToken: 'graph-token', refreshToken: 'refresh', expiresAt: new Date(Date.now() + 3600_000) },
  });
  jar.set('next-auth.session-token', await encode({ token: { sid, name: 'Adele Vance' }, secret }));
  return sid;
}

describe('sign-in callback', () => {
  const signIn = async (tid: string | undefined) =>
    await options.authOptions().callbacks!.signIn!({
      user: { id: 'x' },
      account: null,
      profile: tid ? ({ tid } as never) : undefined,
    });

  it('lets in accounts of the configured tenant', async () => {
    await expect(signIn(TENANT)).resolves.toBe(true);
  });

  it('turns away B2B guest accounts of the tenant (acct = 1)', async () => {
    const guest = await options.authOptions().callbacks!.signIn!({
      user: { id: 'x' },
      account: null,
      profile: { tid: TENANT, acct: 1 } as never,
    });
    expect(guest).toBe('/signin?error=NotStaff');
  });

  it('turns away accounts of any other tenant, or without a tenant, with an explanation', async () => {
    await expect(signIn('11111111-2222-3333-4444-555555555555')).resolves.toBe('/signin?error=NotStaff');
    await expect(signIn(undefined)).resolves.toBe('/signin?error=NotStaff');
  });
});

describe('requireStaff', () => {
  it('answers 401 without a session cookie', async () => {
    jar.clear();
    await expect(staffModule.requireStaff()).rejects.toMatchObject({ code: 'unauthenticated', status: 401 });
  });

  it('answers 401 for a forged or foreign cookie', async () => {
    jar.set(
      'next-auth.session-token',
      await encode({ token: { sid: 'whatever' }, secret: 'another-secret-of-sufficient-length-123' }),
    );
    await expect(staffModule.requireStaff()).rejects.toMatchObject({ status: 401 });
  });

  it('returns the employee for a live session of the tenant', async () => {
    const sid = await signInCookie(TENANT);
    await expect(staffModule.requireStaff()).resolves.toMatchObject({ id: 'user-1', tenantId: TENANT, sessionId: sid });
  });

  it('answers 403 for a session of another tenant', async () => {
    await signInCookie('11111111-2222-3333-4444-555555555555');
    await expect(staffModule.requireStaff()).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('answers 401 once the session is signed out (its row deleted)', async () => {
    const sid = await signInCookie(TENANT);
    await sessions.deleteStaffSession(sid);
    await expect(staffModule.requireStaff()).rejects.toMatchObject({ status: 401 });
  });

  it('keeps Graph tokens sealed at rest', async () => {
    const sid = await signInCookie(TENANT);
    const { getDb } = await import('@/lib/server/db');
    const row = await (
      await getDb()
    )
      .selectFrom('staff_sessions')
      .selectAll()
      .where('id', '=', sid)
      .executeTakeFirstOrThrow();
    expect(row.access_token_sealed).not.toContain('graph-token');
    expect(row.refresh_token_sealed).not.toContain('refresh');
    expect((await sessions.findStaffSession(sid))?.tokens.accessToken).toBe('graph-token');
  });
});
