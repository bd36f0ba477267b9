import { CommunicationIdentityClient } from '@azure/communication-identity';
import { type Client, GraphError } from '@microsoft/microsoft-graph-client';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TENANT_ID } from '../constants';
import {
  admin,
  createTestUser,
  emulatorGraphClient,
  graphTokenFor,
  oidcConfig,
  startTestEmulator,
  type TestEmulator,
} from '../testing';

type Meeting = {
  id: string;
  subject: string;
  joinWebUrl: string;
  startDateTime: string;
  chatInfo: { threadId: string; messageId: string };
  joinMeetingIdSettings: { joinMeetingId: string; passcode: string; isPasscodeRequired: boolean };
  lobbyBypassSettings: { scope: string; isDialInBypassEnabled: boolean };
  participants: {
    organizer: { upn: string; role: string; identity: { user: { id: string; displayName: string; tenantId: string } } };
  };
};
type GraphEvent = {
  id: string;
  subject: string;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  onlineMeeting: { joinUrl: string } | null;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  organizer: { emailAddress: { name: string; address: string } };
};
type Collection<T> = { '@odata.context': string; '@odata.nextLink'?: string; value: T[] };

const FULL_SCOPE = 'openid profile offline_access User.Read Calendars.ReadWrite OnlineMeetings.ReadWrite';

let emu: TestEmulator;
let user: Awaited<ReturnType<typeof createTestUser>>;
let graph: Client;
let baseUrl: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  baseUrl = `${emu.url}/graph`;
  user = await createTestUser(emu, 'Organizer Person');
  const token = await graphTokenFor(emu, { username: user.upn, password: user.password }, FULL_SCOPE);
  graph = emulatorGraphClient(baseUrl, () => token);
});
afterAll(async () => {
  await emu.stop();
});

async function graphStatus(
  p: Promise<unknown>,
): Promise<{ statusCode: number; code: string | null; message: string | null }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GraphError) return { statusCode: e.statusCode, code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a Graph error');
}

function inHours(h: number): string {
  return new Date(Date.now() + h * 3_600_000).toISOString();
}

describe('Graph v1.0 subset with @microsoft/microsoft-graph-client', () => {
  it('GET /me and /users/{upn}', async () => {
    const me = (await graph.api('/me').get()) as { id: string; userPrincipalName: string; displayName: string };
    expect(me).toMatchObject({ id: user.id, userPrincipalName: user.upn, displayName: 'Organizer Person' });
    const byUpn = (await graph.api(`/users/${user.upn}`).get()) as { id: string };
    expect(byUpn.id).toBe(user.id);
    const seeded = (await graph.api('/users/adele@contoso.test').select('id,displayName').get()) as Record<
      string,
      unknown
    >;
    expect(seeded).toMatchObject({ displayName: 'Adele Vance' });
    expect(seeded.userPrincipalName).toBeUndefined();
  });

  it('creates an event with a Teams meeting, shown in calendarView, findable by its exact JoinWebUrl and by meeting ID', async () => {
    const event = (await graph.api('/me/events').post({
      subject: 'Guest interview',
      start: { dateTime: '2030-03-04T10:00:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2030-03-04T10:30:00', timeZone: 'Europe/Paris' },
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    })) as GraphEvent;
    expect(event).toMatchObject({
      subject: 'Guest interview',
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      start: { dateTime: '2030-03-04T09:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2030-03-04T09:30:00.0000000', timeZone: 'UTC' },
      organizer: { emailAddress: { name: 'Organizer Person', address: user.upn } },
    });
    const joinUrl = event.onlineMeeting!.joinUrl;
    expect(joinUrl).toMatch(
      /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_[A-Za-z0-9]+%40thread\.v2\/0\?context=%7b%22Tid%22%3a%22/,
    );
    expect(joinUrl).toContain(`%22Tid%22%3a%22${TENANT_ID}%22%2c%22Oid%22%3a%22${user.id}%22%7d`);

    const view = (await graph
      .api('/me/calendarView')
      .query({ startDateTime: '2030-03-04T00:00:00Z', endDateTime: '2030-03-05T00:00:00Z' })
      .get()) as Collection<GraphEvent>;
    expect(view.value.map((e) => e.id)).toEqual([event.id]);

    // As Graph documents it: the joinWebUrl URL-encoded inside the literal.
    const byUrl = (await graph
      .api('/me/onlineMeetings')
      .filter(`JoinWebUrl eq '${encodeURIComponent(joinUrl)}'`)
      .get()) as Collection<Meeting>;
    expect(byUrl.value).toHaveLength(1);
    const meeting = byUrl.value[0]!;
    expect(meeting).toMatchObject({
      subject: 'Guest interview',
      joinWebUrl: joinUrl,
      startDateTime: '2030-03-04T09:00:00.000Z',
      chatInfo: { messageId: '0' },
      lobbyBypassSettings: { scope: 'organization', isDialInBypassEnabled: false },
      participants: {
        organizer: {
          upn: user.upn,
          role: 'presenter',
          identity: { user: { id: user.id, displayName: 'Organizer Person', tenantId: TENANT_ID } },
        },
      },
      joinMeetingIdSettings: { isPasscodeRequired: true },
    });
    expect(meeting.chatInfo.threadId).toMatch(/^19:meeting_[A-Za-z0-9]+@thread\.v2$/);
    expect(decodeURIComponent(joinUrl)).toContain(meeting.chatInfo.threadId);
    expect(meeting.joinMeetingIdSettings.joinMeetingId).toMatch(/^\d{12,13}$/);
    expect(meeting.joinMeetingIdSettings.passcode).toMatch(/^[A-Za-z0-9]{6}$/);
    expect(byUrl['@odata.context']).toContain(`users('${user.id}')/onlineMeetings`);

    // Properly encoded filter (what an app that encodes its query sends) finds it too.
    const encoded = (await graph
      .api(`/me/onlineMeetings?$filter=${encodeURIComponent(`JoinWebUrl eq '${joinUrl}'`)}`)
      .get()) as Collection<Meeting>;
    expect(encoded.value.map((m) => m.id)).toEqual([meeting.id]);

    // Graph compares the exact string it stored: no decoding, no case folding, no short-link match.
    const { joinMeetingId, passcode } = meeting.joinMeetingIdSettings;
    const near = [
      joinUrl, // not URL-encoded: the server's one decoding turns %3a into ':'
      encodeURIComponent(decodeURIComponent(joinUrl)),
      encodeURIComponent(joinUrl.replace(/%[0-9a-f]{2}/g, (e) => e.toUpperCase())),
      encodeURIComponent(joinUrl.replace('teams.microsoft.com', 'TEAMS.microsoft.com')),
      encodeURIComponent(`https://teams.microsoft.com/meet/${joinMeetingId}?p=${passcode}`),
    ];
    for (const literal of near) {
      const r = (await graph
        .api('/me/onlineMeetings')
        .filter(`JoinWebUrl eq '${literal}'`)
        .get()) as Collection<Meeting>;
      expect(r.value, literal).toEqual([]);
    }

    const byId = (await graph
      .api('/me/onlineMeetings')
      .filter(`joinMeetingIdSettings/joinMeetingId eq '${joinMeetingId}'`)
      .get()) as Collection<Meeting>;
    expect(byId.value.map((m) => m.id)).toEqual([meeting.id]);

    const none = (await graph
      .api('/me/onlineMeetings')
      .filter(`JoinWebUrl eq 'https://teams.microsoft.com/meet/000?p=x'`)
      .get()) as Collection<Meeting>;
    expect(none.value).toEqual([]);

    // Ids are standard base64 (with + / =), so they go into paths percent-encoded.
    expect(meeting.id).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(meeting.id).toMatch(/[+/]/);
    const got = (await graph.api(`/me/onlineMeetings/${encodeURIComponent(meeting.id)}`).get()) as Meeting;
    expect(got.id).toBe(meeting.id);
    const unencoded = await graphStatus(graph.api(`/me/onlineMeetings/${meeting.id}`).get());
    expect(unencoded.statusCode).toBeGreaterThanOrEqual(400);
  });

  it('rejects bad $filter syntax with 400 BadRequest in Graph shape', async () => {
    const e = await graphStatus(graph.api('/me/onlineMeetings').filter(`JoinWebUrl = 'x'`).get());
    expect(e).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    const res = await fetch(`${baseUrl}/v1.0/me/onlineMeetings?$filter=${encodeURIComponent("subject eq 'x'")}`, {
      headers: {
        authorization: `Bearer ${await graphTokenFor(emu, { username: user.upn, password: user.password }, FULL_SCOPE)}`,
        'client-request-id': 'abc-123',
      },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe('BadRequest');
    expect(body.error.innerError['client-request-id']).toBe('abc-123');
    expect(body.error.innerError['request-id']).toBeTruthy();
    expect(body.error.innerError.date).toBeTruthy();
  });

  it('POST /me/onlineMeetings is 201 and not on the calendar; PATCH and DELETE own meetings only', async () => {
    const m = (await graph.api('/me/onlineMeetings').post({
      subject: 'Ad hoc',
      startDateTime: '2031-01-01T10:00:00Z',
      endDateTime: '2031-01-01T11:00:00Z',
      lobbyBypassSettings: { scope: 'everyone' },
    })) as Meeting;
    expect(m.lobbyBypassSettings.scope).toBe('everyone');
    const view = (await graph
      .api('/me/calendarView')
      .query({ startDateTime: '2031-01-01T00:00:00Z', endDateTime: '2031-01-02T00:00:00Z' })
      .get()) as Collection<GraphEvent>;
    expect(view.value).toEqual([]);

    const patched = (await graph
      .api(`/me/onlineMeetings/${encodeURIComponent(m.id)}`)
      .patch({ subject: 'Renamed', lobbyBypassSettings: { scope: 'organizer' } })) as Meeting;
    expect(patched).toMatchObject({ subject: 'Renamed', lobbyBypassSettings: { scope: 'organizer' } });

    // Someone else's meeting is invisible.
    const other = await admin<Meeting>(emu, 'POST', '/meetings', {
      organizer: 'megan@contoso.test',
      subject: 'Megan only',
      startDateTime: inHours(1),
      endDateTime: inHours(2),
    });
    expect(other.status).toBe(201);
    expect(await graphStatus(graph.api(`/me/onlineMeetings/${encodeURIComponent(other.body.id)}`).get())).toMatchObject(
      {
        statusCode: 404,
      },
    );
    expect(
      await graphStatus(graph.api(`/me/onlineMeetings/${encodeURIComponent(other.body.id)}`).delete()),
    ).toMatchObject({
      statusCode: 404,
    });
    const byUrl = (await graph
      .api('/me/onlineMeetings')
      .filter(`JoinWebUrl eq '${encodeURIComponent(other.body.joinWebUrl)}'`)
      .get()) as Collection<Meeting>;
    expect(byUrl.value).toEqual([]);

    await graph.api(`/me/onlineMeetings/${encodeURIComponent(m.id)}`).delete();
    expect(await graphStatus(graph.api(`/me/onlineMeetings/${encodeURIComponent(m.id)}`).get())).toMatchObject({
      statusCode: 404,
    });
  });

  it('pages calendarView with @odata.nextLink and $skip, as Outlook does (default page size 10)', async () => {
    const organizer = await createTestUser(emu, 'Busy Person');
    const day = '2032-05-10';
    for (let i = 0; i < 13; i++) {
      const r = await admin(emu, 'POST', '/meetings', {
        organizer: organizer.id,
        subject: `Slot ${String(i).padStart(2, '0')}`,
        startDateTime: `${day}T${String(8 + ((12 - i) % 13)).padStart(2, '0')}:00:00Z`,
        endDateTime: `${day}T${String(8 + ((12 - i) % 13)).padStart(2, '0')}:30:00Z`,
        onCalendar: true,
      });
      expect(r.status).toBe(201);
    }
    const token = await graphTokenFor(emu, { username: organizer.upn, password: organizer.password });
    const c = emulatorGraphClient(baseUrl, () => token);
    const first = (await c
      .api('/me/calendarView')
      .query({ startDateTime: `${day}T00:00:00Z`, endDateTime: `${day}T23:59:59Z` })
      .orderby('start/dateTime')
      .get()) as Collection<GraphEvent>;
    expect(first.value).toHaveLength(10);
    expect(first['@odata.nextLink']).toMatch(/&%24top=10&%24skip=10$/);
    expect(first['@odata.nextLink']!.startsWith(`${baseUrl}/v1.0/me/calendarView?`)).toBe(true);
    // The SDK only strips https:// origins from absolute links; pass the emulator link relative to the base.
    const second = (await c
      .api(first['@odata.nextLink']!.slice(`${baseUrl}/v1.0`.length))
      .get()) as Collection<GraphEvent>;
    expect(second.value).toHaveLength(3);
    expect(second['@odata.nextLink']).toBeUndefined();
    const starts = [...first.value, ...second.value].map((e) => e.start.dateTime);
    expect(starts).toEqual([...starts].sort());
    expect(new Set([...first.value, ...second.value].map((e) => e.id)).size).toBe(13);

    const top5 = (await c
      .api('/me/calendarView')
      .query({ startDateTime: `${day}T00:00:00Z`, endDateTime: `${day}T23:59:59Z` })
      .top(5)
      .select('subject')
      .get()) as Collection<Record<string, unknown>>;
    expect(top5.value).toHaveLength(5);
    expect(Object.keys(top5.value[0]!).sort()).toEqual(['id', 'subject']);

    expect(await graphStatus(c.api('/me/calendarView').get())).toMatchObject({
      statusCode: 400,
      code: 'ErrorInvalidParameter',
    });
    const window = { startDateTime: `${day}T00:00:00Z`, endDateTime: `${day}T23:59:59Z` };
    const skipped = (await c.api('/me/calendarView').query(window).skip(12).get()) as Collection<GraphEvent>;
    expect(skipped.value).toHaveLength(1);
    expect(
      await graphStatus(
        c
          .api('/me/calendarView')
          .query({ ...window, $skiptoken: 'x' })
          .get(),
      ),
    ).toMatchObject({
      statusCode: 400,
    });
  });

  it('401 InvalidAuthenticationToken without a token, with a bad token, and with a token of another issuer', async () => {
    const noToken = await fetch(`${baseUrl}/v1.0/me`);
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');

    expect(
      await graphStatus(
        emulatorGraphClient(baseUrl, () => 'not-a-jwt')
          .api('/me')
          .get(),
      ),
    ).toMatchObject({ statusCode: 401, code: 'InvalidAuthenticationToken' });

    // Signed by the emulator's own ACS key but not by the OIDC issuer: refused.
    const acsToken = (
      await new CommunicationIdentityClient(emu.connectionString, { allowInsecureConnection: true }).createUserAndToken(
        ['voip'],
      )
    ).token;
    expect(
      await graphStatus(
        emulatorGraphClient(baseUrl, () => acsToken)
          .api('/me')
          .get(),
      ),
    ).toMatchObject({ statusCode: 401 });
  });

  it('403 when the delegated scope is missing', async () => {
    const readOnly = await graphTokenFor(
      emu,
      { username: user.upn, password: user.password },
      'openid User.Read Calendars.Read',
    );
    const c = emulatorGraphClient(baseUrl, () => readOnly);
    expect(((await c.api('/me').get()) as { id: string }).id).toBe(user.id);
    expect(
      await graphStatus(c.api('/me/onlineMeetings').filter("joinMeetingIdSettings/joinMeetingId eq '123'").get()),
    ).toMatchObject({ statusCode: 403, code: 'Forbidden' });
    expect(
      await graphStatus(
        c.api('/me/events').post({
          subject: 'x',
          start: { dateTime: '2030-01-01T10:00:00', timeZone: 'UTC' },
          end: { dateTime: '2030-01-01T11:00:00', timeZone: 'UTC' },
          isOnlineMeeting: true,
        }),
      ),
    ).toMatchObject({ statusCode: 403, code: 'ErrorAccessDenied' });
  });

  it('app-only reads need OnlineMeetings.Read.All and an application access policy', async () => {
    const created = await admin<Meeting>(emu, 'POST', '/meetings', {
      organizer: user.upn,
      subject: 'For the daemon',
      startDateTime: inHours(3),
      endDateTime: inHours(4),
    });
    const app = await admin<{ clientId: string; clientSecret: string }>(emu, 'POST', '/apps', {
      displayName: 'Daemon',
      roles: ['OnlineMeetings.Read.All'],
    });
    const cfg = await oidcConfig(emu, app.body.clientId, app.body.clientSecret);
    const appToken = (await oidc.clientCredentialsGrant(cfg, { scope: 'https://graph.microsoft.com/.default' }))
      .access_token;
    const c = emulatorGraphClient(baseUrl, () => appToken);

    const denied = await graphStatus(
      c.api(`/users/${user.id}/onlineMeetings/${encodeURIComponent(created.body.id)}`).get(),
    );
    expect(denied).toMatchObject({ statusCode: 403, code: 'Forbidden' });
    expect(denied.message).toContain('Application is not allowed to perform operations on the user');

    expect((await admin(emu, 'POST', '/access-policies', { appId: app.body.clientId, userId: user.id })).status).toBe(
      201,
    );
    const got = (await c
      .api(`/users/${user.id}/onlineMeetings/${encodeURIComponent(created.body.id)}`)
      .get()) as Meeting;
    expect(got.subject).toBe('For the daemon');
    const filtered = (await c
      .api(`/users/${user.id}/onlineMeetings`)
      .filter(`JoinWebUrl eq '${encodeURIComponent(created.body.joinWebUrl)}'`)
      .get()) as Collection<Meeting>;
    expect(filtered.value.map((m) => m.id)).toEqual([created.body.id]);
    // App-only tokens cannot use /me.
    expect(await graphStatus(c.api('/me').get())).toMatchObject({ statusCode: 400 });

    expect((await admin(emu, 'DELETE', `/access-policies/${app.body.clientId}`)).status).toBe(204);
    expect(
      await graphStatus(c.api(`/users/${user.id}/onlineMeetings/${encodeURIComponent(created.body.id)}`).get()),
    ).toMatchObject({
      statusCode: 403,
    });

    // Without the role, even a tenant-wide policy does not help.
    const weak = await admin<{ clientId: string; clientSecret: string }>(emu, 'POST', '/apps', {
      displayName: 'Weak',
      roles: [],
    });
    await admin(emu, 'POST', '/access-policies', { appId: weak.body.clientId });
    const weakToken = (
      await oidc.clientCredentialsGrant(await oidcConfig(emu, weak.body.clientId, weak.body.clientSecret), {
        scope: 'https://graph.microsoft.com/.default',
      })
    ).access_token;
    expect(
      await graphStatus(
        emulatorGraphClient(baseUrl, () => weakToken)
          .api(`/users/${user.id}/onlineMeetings/${encodeURIComponent(created.body.id)}`)
          .get(),
      ),
    ).toMatchObject({ statusCode: 403 });
  });

  it('admin lobby changes show in Graph; malformed JSON is a Graph 400, and the server keeps serving', async () => {
    const created = await admin<Meeting>(emu, 'POST', '/meetings', {
      organizer: user.id,
      subject: 'Lobby',
      startDateTime: inHours(5),
      endDateTime: inHours(6),
    });
    expect(
      (await admin(emu, 'PATCH', `/meetings/${encodeURIComponent(created.body.id)}/lobby`, { scope: 'everyone' }))
        .status,
    ).toBe(200);
    expect(
      ((await graph.api(`/me/onlineMeetings/${encodeURIComponent(created.body.id)}`).get()) as Meeting)
        .lobbyBypassSettings.scope,
    ).toBe('everyone');

    const token = await graphTokenFor(emu, { username: user.upn, password: user.password }, FULL_SCOPE);
    const res = await fetch(`${baseUrl}/v1.0/me/onlineMeetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"subject": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
    expect(((await graph.api('/me').get()) as { id: string }).id).toBe(user.id);
  });

  it('answers an injected 429 with Retry-After in Graph shape', async () => {
    expect(
      (
        await admin(emu, 'POST', '/faults', {
          surface: 'graph',
          retryAfterSeconds: 7,
          count: 1,
          pathPrefix: '/graph/v1.0/me',
        })
      ).status,
    ).toBe(201);
    const res = await fetch(`${baseUrl}/v1.0/me`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    // Used up: the next call reaches the real handler again.
    expect((await fetch(`${baseUrl}/v1.0/me`)).status).toBe(401);
  });

  it('answers each failure with the code Graph uses for it, as the SDK reports it', async () => {
    const userReadOnly = await graphTokenFor(emu, { username: user.upn, password: user.password }, 'openid User.Read');
    const calendarOnly = emulatorGraphClient(baseUrl, () => userReadOnly);
    const window = { startDateTime: inHours(0), endDateTime: inHours(24) };
    expect(await graphStatus(calendarOnly.api('/me/calendarView').query(window).get())).toMatchObject({
      statusCode: 403,
      code: 'ErrorAccessDenied',
    });
    expect(await graphStatus(graph.api(`/me/onlineMeetings/${encodeURIComponent('bm8=')}`).get())).toMatchObject({
      statusCode: 404,
      code: 'NotFound',
    });
    expect(await graphStatus(graph.api('/users/nobody@contoso.test').get())).toMatchObject({
      statusCode: 404,
      code: 'Request_ResourceNotFound',
    });
    // Injected faults speak the workload's dialect: Exchange codes on calendar paths, Graph's elsewhere.
    const fault = (status: number, pathPrefix: string) =>
      admin(emu, 'POST', '/faults', { surface: 'graph', status, count: 1, pathPrefix });
    await fault(404, '/graph/v1.0/me/calendarView');
    expect(await graphStatus(graph.api('/me/calendarView').query(window).get())).toMatchObject({
      statusCode: 404,
      code: 'ErrorItemNotFound',
    });
    await fault(401, '/graph/v1.0/me/onlineMeetings');
    expect(
      await graphStatus(graph.api('/me/onlineMeetings').filter("joinMeetingIdSettings/joinMeetingId eq '1'").get()),
    ).toMatchObject({ statusCode: 401, code: 'InvalidAuthenticationToken' });
    // Throttling always carries Retry-After, even when the fault did not name one.
    await fault(429, '/graph/v1.0/me');
    const throttled = await fetch(`${baseUrl}/v1.0/me`);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
