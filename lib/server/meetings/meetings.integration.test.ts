/**
 * The meetings service against the real emulator: a staff member signs in through the emulator's
 * OIDC (code + PKCE), their tokens are stored in a real (temp) SQLite session row, and every call
 * goes through the Graph SDK over HTTP — the same path as production, with Graph's faults injected.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type * as ServiceModule from './service';
import type * as SessionsModule from '@/lib/server/auth/staff-sessions';
import type * as StaffModule from '@/lib/server/auth/staff';
import { admin, createTestUser, signIn, startTestEmulator, type TestEmulator } from '@/emulator/testing';

let emu: TestEmulator;
let services: typeof ServiceModule;
let sessions: typeof SessionsModule;
let staffModule: typeof StaffModule;

const SCOPE = 'openid profile email offline_access User.Read Calendars.ReadWrite OnlineMeetings.ReadWrite';

beforeAll(async () => {
  emu = await startTestEmulator();
  // The app under test reads its configuration once; point it at this emulator and a temp database.
  process.env.VESTIBULE_CLOUD = 'local';
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'vestibule-meetings-'));
  process.env.EMULATOR_URL = emu.url;
  process.env.EMULATOR_SMTP_PORT = String(emu.smtpPort);
  process.env.LOG_LEVEL = 'silent';
  services = await import('./service');
  sessions = await import('@/lib/server/auth/staff-sessions');
  staffModule = await import('@/lib/server/auth/staff');
});

afterAll(async () => {
  await emu?.stop();
});

beforeEach(async () => {
  await admin(emu, 'DELETE', '/faults');
});

type Staff = StaffModule.Staff;

async function signedInStaff(
  name = 'Integration Organizer',
): Promise<{ staff: Staff; user: Awaited<ReturnType<typeof createTestUser>> }> {
  const user = await createTestUser(emu, name);
  const result = await signIn(emu, { username: user.upn, password: user.password }, SCOPE);
  if (!result.ok) throw new Error('sign-in failed');
  const t = result.tokens;
  const sessionId = await sessions.createStaffSession({
    userId: user.id,
    tenantId: '0f557ec4-039c-4796-b8e6-5e36072d90bc',
    name,
    email: user.upn,
    tokens: {
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      expiresAt: new Date(Date.now() + (t.expires_in ?? 3600) * 1000),
    },
  });
  return {
    staff: { id: user.id, tenantId: '0f557ec4-039c-4796-b8e6-5e36072d90bc', name, email: user.upn, sessionId },
    user,
  };
}

async function meeting(organizerUpn: string, subject: string, startsInHours: number, onCalendar = true) {
  const start = new Date(Date.now() + startsInHours * 3600_000);
  const r = await admin<{
    id: string;
    joinWebUrl: string;
    joinMeetingIdSettings: { joinMeetingId: string; passcode: string };
  }>(emu, 'POST', '/meetings', {
    organizer: organizerUpn,
    subject,
    startDateTime: start.toISOString(),
    endDateTime: new Date(start.getTime() + 1800_000).toISOString(),
    onCalendar,
  });
  expect(r.status).toBe(201);
  return r.body;
}

const fault = (body: Record<string, unknown>) => admin(emu, 'POST', '/faults', { surface: 'graph', ...body });

describe('calendar', () => {
  it('reads every page of calendarView, in order, Teams meetings only', async () => {
    const { staff, user } = await signedInStaff();
    const subjects = Array.from({ length: 13 }, (_, i) => `Meeting ${String(i).padStart(2, '0')}`);
    for (const [i, subject] of subjects.entries()) await meeting(user.upn, subject, 2 + i * 5);
    const list = await services.listCalendarMeetings(staff, {
      from: new Date(),
      to: new Date(Date.now() + 14 * 86_400_000),
    });
    expect(list.map((m) => m.subject)).toEqual(subjects);
    expect(list.every((m) => m.joinWebUrl?.startsWith('https://teams.microsoft.com/l/meetup-join/'))).toBe(true);
  });

  it("follows calendarView's $skip paging past Graph's page size", async () => {
    const { staff, user } = await signedInStaff();
    const subjects = Array.from({ length: 53 }, (_, i) => `Busy ${String(i).padStart(2, '0')}`);
    for (const [i, subject] of subjects.entries()) await meeting(user.upn, subject, 1 + i * 0.25);
    const list = await services.listUpcomingMeetings(staff);
    expect(list.map((m) => m.subject)).toEqual(subjects);
  });

  it('serves a repeated view from its short cache instead of calling Graph again', async () => {
    const { staff, user } = await signedInStaff();
    await meeting(user.upn, 'Cached', 3);
    const first = await services.listUpcomingMeetings(staff);
    await fault({ status: 503, count: 5 });
    const second = await services.listUpcomingMeetings(staff);
    expect(second).toEqual(first);
  });

  it('reports Graph throttling with its Retry-After, and an outage as unavailable', async () => {
    const { staff } = await signedInStaff();
    await fault({ retryAfterSeconds: 30, count: 2 });
    await expect(services.listUpcomingMeetings(staff)).rejects.toMatchObject({
      code: 'upstream_throttled',
      retryAfterSeconds: 30,
    });
    await admin(emu, 'DELETE', '/faults');
    await fault({ status: 503, count: 2 });
    await expect(services.listUpcomingMeetings(staff)).rejects.toMatchObject({ code: 'upstream_unavailable' });
  });

  it('retries a short throttle inline and succeeds', async () => {
    const { staff, user } = await signedInStaff();
    await meeting(user.upn, 'After a short wait', 3);
    await fault({ retryAfterSeconds: 1, count: 1 });
    const list = await services.listUpcomingMeetings(staff);
    expect(list.map((m) => m.subject)).toEqual(['After a short wait']);
  });

  it('maps Graph 401 and 403 to sign-in-again and forbidden', async () => {
    const { staff } = await signedInStaff();
    await fault({ status: 401, count: 1 });
    await expect(services.listUpcomingMeetings(staff)).rejects.toMatchObject({ code: 'unauthenticated' });
    await fault({ status: 403, count: 1 });
    await expect(services.getMeeting(staff, 'anything')).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('lookup', () => {
  it('finds a meeting by its long link, its short link, and by meeting ID + passcode', async () => {
    const { staff, user } = await signedInStaff();
    const m = await meeting(user.upn, 'Lookup target', 5, false);
    const byLink = await services.lookupMeeting(staff, { link: `Join: <${m.joinWebUrl}>` });
    expect(byLink).toMatchObject({ id: m.id, subject: 'Lookup target' });
    const { joinMeetingId, passcode } = m.joinMeetingIdSettings;
    const byShort = await services.lookupMeeting(staff, {
      link: `https://teams.microsoft.com/meet/${joinMeetingId}?p=${passcode}`,
    });
    expect(byShort.id).toBe(m.id);
    const byId = await services.lookupMeeting(staff, { meetingId: joinMeetingId.replace(/(\d{3})/g, '$1 '), passcode });
    expect(byId.id).toBe(m.id);
  });

  it('finds the meeting Graph stored from a link pasted in another encoding or with extra context', async () => {
    const { staff, user } = await signedInStaff();
    const m = await meeting(user.upn, 'Exactly stored', 5, false);
    // Graph matches JoinWebUrl byte for byte; the lookup must send what Graph stored.
    const decoded = decodeURIComponent(m.joinWebUrl);
    const upperEscapes = m.joinWebUrl.replace(/%[0-9a-f]{2}/g, (e) => e.toUpperCase());
    const [head, context] = m.joinWebUrl.split('?context=');
    const extraKey = `${head}?context=${context!.replace('%7d', '%2c%22MessageId%22%3a%220%22%7d')}`;
    for (const link of [decoded, upperEscapes, extraKey]) {
      expect((await services.lookupMeeting(staff, { link })).id, link).toBe(m.id);
    }
  });

  it('opens a meeting whose Graph id holds / + and =', async () => {
    const { staff, user } = await signedInStaff();
    const m = await meeting(user.upn, 'Slashed id', 5, false);
    expect(m.id).toMatch(/[/+]/);
    expect((await services.getMeeting(staff, m.id)).subject).toBe('Slashed id');
  });

  it('explains a wrong passcode, a meeting someone else organizes, and Teams for home', async () => {
    const { staff } = await signedInStaff();
    const other = await createTestUser(emu, 'Someone Else');
    const m = await meeting(other.upn, 'Not mine', 5);
    await expect(services.lookupMeeting(staff, { link: m.joinWebUrl })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('meetings they organize'),
    });
    const mine = await meeting(staff.email, 'Mine', 5);
    await expect(
      services.lookupMeeting(staff, { meetingId: mine.joinMeetingIdSettings.joinMeetingId, passcode: 'nope12' }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("passcode doesn't match"),
    });
    await expect(
      services.lookupMeeting(staff, { link: 'https://teams.live.com/meet/9312345678901?p=abc' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('Teams for home'),
    });
  });
});

describe('scheduling', () => {
  it('creates a calendar event with a Teams meeting that then shows in the list and can be opened', async () => {
    const { staff } = await signedInStaff();
    await services.listUpcomingMeetings(staff); // warm the cache: scheduling must invalidate it
    const start = new Date(Date.now() + 26 * 3600_000);
    const created = await services.scheduleMeeting(staff, {
      subject: 'Planned with Vestibule',
      start,
      durationMinutes: 45,
      lobbyBypassScope: 'everyone',
    });
    expect(created).toMatchObject({ subject: 'Planned with Vestibule', lobbyBypassScope: 'everyone' });
    expect(new Date(created.endDateTime).getTime() - new Date(created.startDateTime).getTime()).toBe(45 * 60_000);
    const list = await services.listUpcomingMeetings(staff);
    expect(list.map((m) => m.subject)).toContain('Planned with Vestibule');
    const reread = await services.getMeeting(staff, created.id);
    expect(reread.lobbyBypassScope).toBe('everyone');
  });
});

describe('Graph tokens', () => {
  it('refreshes an access token that is about to expire, storing the rotated refresh token', async () => {
    const { staff } = await signedInStaff();
    const before = await sessions.findStaffSession(staff.sessionId);
    await sessions.updateStaffTokens(staff.sessionId, {
      accessToken: before!.tokens.accessToken,
      expiresAt: new Date(Date.now() + 30_000),
    });
    const token = await staffModule.graphAccessToken(staff);
    expect(token).not.toBe(before!.tokens.accessToken);
    const after = await sessions.findStaffSession(staff.sessionId);
    expect(after!.tokens.accessToken).toBe(token);
    expect(after!.tokens.refreshToken).not.toBe(before!.tokens.refreshToken);
    expect(after!.tokens.expiresAt.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
    // The new token works with Graph.
    await expect(services.listUpcomingMeetings({ ...staff, id: `${staff.id}-fresh-cache` })).resolves.toBeInstanceOf(
      Array,
    );
  });

  it('gets an Entra token for the ACS Teams resource that the Teams-user exchange accepts, keeping Graph working', async () => {
    const { staff } = await signedInStaff();
    const before = (await sessions.findStaffSession(staff.sessionId))!;
    const entra = await staffModule.acsTeamsAccessToken(staff);
    const { createIdentityClient, exchangeTeamsUserToken } = await import('@/lib/server/acs/identity');
    const client = createIdentityClient({ connectionString: emu.connectionString, allowInsecureConnection: true });
    const config = (await import('@/lib/config.js')).getConfig();
    const t = await exchangeTeamsUserToken(
      { entraAccessToken: entra, clientId: config.entra.clientId, userObjectId: staff.id },
      client,
    );
    expect(t.userId).toBe(`8:orgid:${staff.id}`);
    // The Graph token is refused by the exchange, as ACS refuses it.
    await expect(
      exchangeTeamsUserToken(
        { entraAccessToken: before.tokens.accessToken, clientId: config.entra.clientId, userObjectId: staff.id },
        client,
      ),
    ).rejects.toMatchObject({ statusCode: 401 });
    // The rotated refresh token was kept, so Graph refreshes still work afterwards.
    const after = (await sessions.findStaffSession(staff.sessionId))!;
    expect(after.tokens.refreshToken).not.toBe(before.tokens.refreshToken);
    await sessions.updateStaffTokens(staff.sessionId, { accessToken: 'stale', expiresAt: new Date(Date.now() - 1000) });
    await expect(staffModule.graphAccessToken(staff)).resolves.not.toBe('stale');
  });

  it('ends the session cleanly when the refresh is refused', async () => {
    const { staff } = await signedInStaff();
    await sessions.updateStaffTokens(staff.sessionId, {
      accessToken: 'expired',
      refreshToken: 'not-a-real-refresh-token',
      expiresAt: new Date(Date.now() - 1000),
    });
    await expect(staffModule.graphAccessToken(staff)).rejects.toMatchObject({
      code: 'unauthenticated',
      message: expect.stringContaining('Sign in again'),
    });
    expect(await sessions.findStaffSession(staff.sessionId)).toBeUndefined();
  });

  it('tells the person to sign in again when a Graph call finds the refresh refused', async () => {
    const { staff } = await signedInStaff();
    await sessions.updateStaffTokens(staff.sessionId, {
      accessToken: 'expired',
      refreshToken: 'not-a-real-refresh-token',
      expiresAt: new Date(Date.now() - 1000),
    });
    await expect(services.listUpcomingMeetings(staff)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(services.getMeeting(staff, 'any')).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refreshes once for concurrent requests, so the rotating refresh token is not redeemed twice', async () => {
    const { staff } = await signedInStaff();
    const before = (await sessions.findStaffSession(staff.sessionId))!;
    await sessions.updateStaffTokens(staff.sessionId, {
      accessToken: before.tokens.accessToken,
      expiresAt: new Date(Date.now() - 1000),
    });
    const tokens = await Promise.all([1, 2, 3].map(() => staffModule.graphAccessToken(staff)));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(before.tokens.accessToken);
    expect(await sessions.findStaffSession(staff.sessionId)).toBeDefined();
  });
});

describe('guest counts in the meeting list', () => {
  it("counts each of the organizer's meetings' live invitations and the guests who joined, matched by join link", async () => {
    const { staff, user } = await signedInStaff('Counting Organizer');
    const busy = await meeting(user.upn, 'Busy meeting', 3);
    await meeting(user.upn, 'Quiet meeting', 4);
    const { getDb } = await import('@/lib/server/db');
    const { withGuestCounts } = await import('./guest-counts');
    const db = await getDb();
    const now = new Date().toISOString();
    const share = (guest: string, status: 'invited' | 'joined' | 'left' | 'revoked') => ({
      id: `count-${guest}-${Date.now()}`,
      meeting_id: busy.id,
      meeting_subject: 'Busy meeting',
      meeting_start: now,
      meeting_end: now,
      organizer_id: user.id,
      organizer_name: 'Counting Organizer',
      // Copied from the onlineMeeting, as createShares does; the list only knows the calendar's link.
      join_web_url: busy.joinWebUrl,
      join_meeting_id: null,
      passcode: null,
      guest_email: `${guest}@fabrikam.example`,
      guest_name: null,
      message: null,
      inviter_id: user.id,
      inviter_name: 'Counting Organizer',
      inviter_email: user.upn,
      time_zone: 'UTC',
      created_at: now,
      expires_at: new Date(Date.now() + 86_400_000).toISOString(),
      status,
      delivery: 'sent' as const,
      delivery_error: null,
      sent_at: now,
      revoked_at: null,
      revoked_by: null,
    });
    await db
      .insertInto('shares')
      .values([share('ada', 'invited'), share('ben', 'joined'), share('cy', 'left'), share('dee', 'revoked')])
      .execute();

    const listed = await withGuestCounts(await services.listUpcomingMeetings(staff));
    expect(listed.find((m) => m.subject === 'Busy meeting')?.guests).toEqual({ invited: 3, joined: 2 });
    expect(listed.find((m) => m.subject === 'Quiet meeting')?.guests).toEqual({ invited: 0, joined: 0 });
  });
});
