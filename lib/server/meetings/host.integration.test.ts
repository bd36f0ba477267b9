/**
 * "Join as host" against the real emulator: the employee signs in through its OIDC, the meeting is
 * read through Graph, the Entra token for the ACS Teams resource is exchanged through the identity
 * REST API, and the token joins the emulator's calling service — the path the host page takes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAndJoin, type CallClient } from '@/emulator/calling/client';
import {
  admin,
  createTestUser,
  signIn,
  startTestEmulator,
  TEST_APP_ORIGIN,
  type TestEmulator,
} from '@/emulator/testing';
import type * as HostModule from './host';
import type * as SessionsModule from '@/lib/server/auth/staff-sessions';
import type { Staff } from '@/lib/server/auth/staff';

let emu: TestEmulator;
let host: typeof HostModule;
let sessions: typeof SessionsModule;
const clients: CallClient[] = [];

const TENANT = '0f557ec4-039c-4796-b8e6-5e36072d90bc';
const SCOPE = 'openid profile email offline_access User.Read Calendars.Read OnlineMeetings.ReadWrite';

beforeAll(async () => {
  emu = await startTestEmulator();
  process.env.VESTIBULE_CLOUD = 'local';
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'vestibule-host-'));
  process.env.EMULATOR_URL = emu.url;
  process.env.EMULATOR_SMTP_PORT = String(emu.smtpPort);
  process.env.LOG_LEVEL = 'silent';
  host = await import('./host');
  sessions = await import('@/lib/server/auth/staff-sessions');
});

afterAll(async () => {
  for (const c of clients) c.drop();
  await emu?.stop();
});

async function signedInStaff(name: string): Promise<{ staff: Staff; upn: string; accessToken: string }> {
  const user = await createTestUser(emu, name);
  const result = await signIn(emu, { username: user.upn, password: user.password }, SCOPE);
  if (!result.ok) throw new Error('sign-in failed');
  const t = result.tokens;
  const sessionId = await sessions.createStaffSession({
    userId: user.id,
    tenantId: TENANT,
    name,
    email: user.upn,
    tokens: {
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      expiresAt: new Date(Date.now() + (t.expires_in ?? 3600) * 1000),
    },
  });
  return {
    staff: { id: user.id, tenantId: TENANT, name, email: user.upn, sessionId },
    upn: user.upn,
    accessToken: t.access_token,
  };
}

async function meetingOf(organizerUpn: string, lobbyBypassScope = 'organization') {
  const start = Date.now();
  const r = await admin<{ id: string; joinWebUrl: string }>(emu, 'POST', '/meetings', {
    organizer: organizerUpn,
    subject: 'Hosted',
    startDateTime: new Date(start).toISOString(),
    endDateTime: new Date(start + 3_600_000).toISOString(),
    lobbyBypassScope,
  });
  expect(r.status).toBe(201);
  return r.body;
}

describe('hostCall', () => {
  it('gives the organizer a Teams-user token that joins their meeting as organizer, past the lobby', async () => {
    const { staff, upn } = await signedInStaff('Olga Organizer');
    const meeting = await meetingOf(upn);
    const { meeting: seen, token } = await host.hostCall(staff, meeting.id);
    expect(seen.id).toBe(meeting.id);
    expect(seen.joinWebUrl).toBe(meeting.joinWebUrl);
    expect(token.userId).toBe(`8:orgid:${staff.id}`);
    expect(new Date(token.expiresOn).getTime()).toBeGreaterThan(Date.now());

    const wsUrl = `${emu.url.replace(/^http/, 'ws')}/calling`;
    const { client, first } = await connectAndJoin(
      wsUrl,
      { token: token.token, meeting: { joinUrl: seen.joinWebUrl }, displayName: staff.name },
      { origin: TEST_APP_ORIGIN },
    );
    clients.push(client);
    expect(first).toMatchObject({ type: 'joined', self: { role: 'organizer', state: 'Connected' } });
  });

  it("records the meeting's chat setting from Graph on its shares, so guests' next tokens follow it", async () => {
    const { staff, accessToken } = await signedInStaff('Chatty Organizer');
    // Made through Graph, as Teams would: chat turned off in the meeting's options.
    const created = await fetch(`${emu.url}/graph/v1.0/me/onlineMeetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: 'No chat here',
        startDateTime: new Date().toISOString(),
        endDateTime: new Date(Date.now() + 3_600_000).toISOString(),
        allowMeetingChat: 'disabled',
      }),
    });
    expect(created.status).toBe(201);
    const meeting = (await created.json()) as { id: string };
    const { getDb } = await import('@/lib/server/db');
    const { insertShares, findShare } = await import('@/lib/server/shares/store');
    const db = await getDb();
    const now = new Date().toISOString();
    // A share recorded while the meeting still allowed chat.
    await insertShares(db, {
      rows: [
        {
          id: 'chat-share-000000000000000001',
          meeting_id: meeting.id,
          meeting_subject: 'No chat here',
          meeting_start: now,
          meeting_end: now,
          organizer_id: staff.id,
          organizer_name: null,
          join_web_url: 'https://teams.microsoft.com/l/meetup-join/x',
          join_meeting_id: null,
          passcode: null,
          guest_email: 'guest@example.test',
          guest_name: null,
          message: null,
          inviter_id: staff.id,
          inviter_name: staff.name,
          inviter_email: staff.email,
          time_zone: 'UTC',
          allow_meeting_chat: 'enabled',
          created_at: now,
          expires_at: now,
          status: 'invited',
          delivery: 'sent',
          delivery_error: null,
          sent_at: now,
          revoked_at: null,
          revoked_by: null,
        },
      ],
    });
    const call = await host.hostCall(staff, meeting.id);
    expect(call.meeting.allowMeetingChat).toBe('disabled');
    expect(call.chat).toBe(false);
    expect((await findShare(db, { id: 'chat-share-000000000000000001' }))?.allow_meeting_chat).toBe('disabled');
  });

  it('refuses a meeting the employee cannot see in Graph (another organizer’s), before any token is made', async () => {
    const { upn: otherUpn } = await signedInStaff('Other Organizer');
    const meeting = await meetingOf(otherUpn);
    const { staff } = await signedInStaff('Curious Colleague');
    await expect(host.hostCall(staff, meeting.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(host.hostCall(staff, 'bm90LWEtbWVldGluZw==')).rejects.toMatchObject({ code: 'not_found' });
  });
});
