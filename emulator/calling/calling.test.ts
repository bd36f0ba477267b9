import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { END } from '../../lib/contracts/calling-protocol';
import { admin } from '../testing';
import { CallClient, joinFrame } from './client';
import { CallingFixture, TEST_APP_ORIGIN, sleep, type Meeting, type Staff } from './fixture';

const fx = new CallingFixture();
let organizer: Staff;
let colleague: Staff;

beforeAll(async () => {
  await fx.start();
  [organizer, colleague] = await Promise.all([fx.staff('Olivia Organizer'), fx.staff('Sam Staff')]);
});
afterAll(async () => {
  await fx.stop();
});

const link = (m: Meeting) => ({ joinUrl: m.joinWebUrl });

describe('calling service: transport and authentication', () => {
  it('refuses a WebSocket from a foreign origin, accepts the app origin, and answers plain HTTP with 426', async () => {
    const foreign = new CallClient(fx.wsUrl, { origin: 'https://evil.example' });
    await expect(foreign.opened).rejects.toThrow(/403/);
    const ok = new CallClient(fx.wsUrl, { origin: TEST_APP_ORIGIN });
    await ok.opened;
    ok.close();
    expect((await fetch(`${fx.emu.url}/calling`)).status).toBe(426);
    const health = (await (await fetch(`${fx.emu.url}/health`)).json()) as { surfaces: Record<string, string> };
    expect(health.surfaces.calling).toBe('up');
  });

  it('refuses garbage, revoked, deleted and chat-only tokens with the unauthorized end, then closes normally', async () => {
    const m = await fx.meeting(organizer.id, 'everyone');
    const garbage = await fx.joinEnded({ token: 'not-a-token', meeting: link(m) });
    expect(garbage.ended).toMatchObject(END.unauthorized);
    expect(garbage.closeCode).toBe(1000);

    const revoked = await fx.guest();
    await fx.identity.revokeTokens(revoked.user);
    expect((await fx.joinEnded({ token: revoked.token, meeting: link(m) })).ended).toMatchObject(END.unauthorized);

    const deleted = await fx.guest();
    await fx.identity.deleteUser(deleted.user);
    expect((await fx.joinEnded({ token: deleted.token, meeting: link(m) })).ended).toMatchObject(END.unauthorized);

    const chatOnly = await fx.guest(['chat']);
    const r = await fx.joinEnded({ token: chatOnly.token, meeting: link(m) });
    expect(r.ended).toMatchObject(END.unauthorized);
    expect(r.ended.reason).toMatch(/voip/);

    // A join without a token is not a valid frame: refused with an error, the socket stays usable.
    const c = new CallClient(fx.wsUrl);
    fx.clients.push(c);
    await c.opened;
    const { token: _t, ...noToken } = joinFrame({ token: 'x', meeting: link(m) });
    c.send(noToken);
    expect((await c.next('error')).code).toBe('invalid_message');
    const good = await fx.guest();
    c.send(joinFrame({ token: good.token, meeting: link(m) }));
    expect((await c.next('joined')).self.state).toBe('Connected');
  });

  it('closes a socket that does not join within the join timeout', async () => {
    const c = new CallClient(fx.wsUrl);
    await c.opened;
    expect((await c.next('error', undefined, 4_000)).code).toBe('join_timeout');
    expect((await c.closed).code).toBe(1008);
  });
});

describe('calling service: finding the meeting', () => {
  it('joins by long link, short link, and meeting ID + passcode, all into the same call', async () => {
    const m = await fx.meeting(organizer.id, 'everyone', 'Quarterly review');
    const { joinMeetingId, passcode } = m.joinMeetingIdSettings;
    const a = await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    expect(a.joined.meeting.subject).toBe('Quarterly review');
    const b = await fx.join({
      token: (await fx.guest()).token,
      meeting: { joinUrl: `https://teams.microsoft.com/meet/${joinMeetingId}?p=${passcode}` },
    });
    // Typed as Teams shows it, with spaces.
    const spaced = joinMeetingId.replace(/(\d{3})(?=\d)/g, '$1 ');
    const c = await fx.join({ token: (await fx.guest()).token, meeting: { meetingId: spaced, passcode } });
    expect(b.joined.callId).toBe(a.joined.callId);
    expect(c.joined.callId).toBe(a.joined.callId);
    expect(c.joined.participants.map((p) => p.id).sort()).toEqual([a.joined.self.id, b.joined.self.id].sort());
    // Percent-encoding and case of a pasted long link don't matter.
    const d = await fx.join({
      token: (await fx.guest()).token,
      meeting: { joinUrl: decodeURIComponent(m.joinWebUrl) },
    });
    expect(d.joined.callId).toBe(a.joined.callId);
  });

  it('ends with the invalid-meeting end for a wrong passcode or an unknown meeting, and says why for Teams for home', async () => {
    const m = await fx.meeting(organizer.id, 'everyone');
    const { joinMeetingId, passcode } = m.joinMeetingIdSettings;
    const token = (await fx.guest()).token;
    const wrong = passcode === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    expect((await fx.joinEnded({ token, meeting: { meetingId: joinMeetingId, passcode: wrong } })).ended).toMatchObject(
      END.invalidMeeting,
    );
    expect(
      (
        await fx.joinEnded({
          token,
          meeting: { joinUrl: `https://teams.microsoft.com/meet/${joinMeetingId}?p=${wrong}` },
        })
      ).ended,
    ).toMatchObject(END.invalidMeeting);
    expect((await fx.joinEnded({ token, meeting: { meetingId: '999999999999', passcode } })).ended).toMatchObject(
      END.invalidMeeting,
    );
    const unknownLong = m.joinWebUrl.replace(/meeting_[A-Za-z0-9]+/, 'meeting_doesnotexist');
    const r = await fx.joinEnded({ token, meeting: { joinUrl: unknownLong } });
    expect(r.ended).toMatchObject(END.invalidMeeting);
    expect(r.closeCode).toBe(1000);
    expect(
      (await fx.joinEnded({ token, meeting: { joinUrl: 'https://teams.live.com/meet/9876543210123?p=abcdef' } })).ended,
    ).toMatchObject(END.teamsForHome);
  });
});

describe('calling service: roles and the lobby', () => {
  it('gives staff their directory name and Teams roles; guests present (Teams default) but are marked external', async () => {
    const m = await fx.meeting(organizer.id, 'everyone');
    const o = await fx.join({ token: organizer.token, meeting: link(m), displayName: 'typed name' });
    expect(o.joined.self).toMatchObject({
      identity: `8:orgid:${organizer.id}`,
      displayName: 'Olivia Organizer',
      role: 'organizer',
      external: false,
      state: 'Connected',
    });
    const s = await fx.join({ token: colleague.token, meeting: link(m) });
    expect(s.joined.self).toMatchObject({ role: 'presenter', external: false });
    const g = await fx.join({ token: (await fx.guest()).token, meeting: link(m), displayName: 'Gina Guest' });
    expect(g.joined.self).toMatchObject({ role: 'presenter', external: true, displayName: 'Gina Guest' });
    expect(g.joined.self.identity).toMatch(/^8:acs:/);
    expect(
      (await o.client.next('participant.joined', (x) => x.participant.id === g.joined.self.id)).participant.external,
    ).toBe(true);
  });

  it('lets everybody in directly under `everyone`, even with no staff present', async () => {
    const m = await fx.meeting(organizer.id, 'everyone');
    const g = await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    expect(g.joined.self.state).toBe('Connected');
  });

  it('keeps a guest waiting under `organization` while no staff is present, until a present presenter admits', async () => {
    const m = await fx.meeting(organizer.id, 'organization');
    const g = await fx.join({ token: (await fx.guest()).token, meeting: link(m), displayName: 'Waiting Guest' });
    expect(g.joined.self.state).toBe('InLobby');
    expect(g.joined.participants).toEqual([]);
    expect(g.joined.lobby).toEqual([]);
    // A guest cannot admit anyone, themselves included.
    g.client.send({ type: 'lobby.admit', participantIds: 'all' });
    expect((await g.client.next('error')).code).toBe('not_allowed');
    await sleep(300);
    expect(await g.client.gets('admitted', undefined, 50)).toBe(false);

    // A colleague (presenter) enters directly and sees the lobby.
    const s = await fx.join({ token: colleague.token, meeting: link(m) });
    expect(s.joined.self.state).toBe('Connected');
    expect(s.joined.lobby.map((p) => p.displayName)).toEqual(['Waiting Guest']);
    expect(s.joined.participants).toEqual([]);
    expect(await g.client.gets('admitted', undefined, 200)).toBe(false);

    s.client.send({ type: 'lobby.admit', participantIds: [g.joined.self.id] });
    const admitted = await g.client.next('admitted');
    expect(admitted.self.state).toBe('Connected');
    expect(admitted.participants.map((p) => p.id)).toEqual([s.joined.self.id]);
    expect((await s.client.next('participant.joined')).participant.id).toBe(g.joined.self.id);
    expect((await s.client.next('lobby.updated')).lobby).toEqual([]);
  });

  it('treats organizationAndFederated and invited like organization, and `organizer` holds other staff too', async () => {
    for (const scope of ['organizationAndFederated', 'invited']) {
      const m = await fx.meeting(organizer.id, scope);
      expect((await fx.join({ token: (await fx.guest()).token, meeting: link(m) })).joined.self.state).toBe('InLobby');
      expect((await fx.join({ token: colleague.token, meeting: link(m) })).joined.self.state).toBe('Connected');
    }
    const m = await fx.meeting(organizer.id, 'organizer');
    const s = await fx.join({ token: colleague.token, meeting: link(m) });
    expect(s.joined.self.state).toBe('InLobby');
    const o = await fx.join({ token: organizer.token, meeting: link(m) });
    expect(o.joined.self.state).toBe('Connected');
    expect(o.joined.lobby.map((p) => p.id)).toEqual([s.joined.self.id]);
    o.client.send({ type: 'lobby.admit', participantIds: [s.joined.self.id] });
    await s.client.next('admitted');
    // An admitted presenter receives the lobby list too.
    expect((await s.client.next('lobby.updated')).lobby).toEqual([]);
  });

  it('admits everyone at once with `all`, and the admitted see each other', async () => {
    const m = await fx.meeting(organizer.id, 'organization');
    const g1 = await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    const g2 = await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    const o = await fx.join({ token: organizer.token, meeting: link(m) });
    expect(o.joined.lobby).toHaveLength(2);
    o.client.send({ type: 'lobby.admit', participantIds: 'all' });
    const a1 = await g1.client.next('admitted');
    const a2 = await g2.client.next('admitted');
    expect(a1.participants.map((p) => p.id)).toEqual([o.joined.self.id]);
    expect(a2.participants.map((p) => p.id).sort()).toEqual([o.joined.self.id, g1.joined.self.id].sort());
    expect((await g1.client.next('participant.joined')).participant.id).toBe(g2.joined.self.id);
    expect((await o.client.next('lobby.updated', (u) => u.lobby.length === 0)).lobby).toEqual([]);
    const calls = await fx.calls();
    const call = calls.find((c) => c.meetingId === m.id)!;
    expect(call.participants.every((p) => p.state === 'Connected')).toBe(true);
    expect(call.participants).toHaveLength(3);
  });

  it('denies a waiting guest with subCode 5854 and removes a connected one with the removed end', async () => {
    const m = await fx.meeting(organizer.id, 'organization');
    const waiting = await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    const inside = await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    const o = await fx.join({ token: organizer.token, meeting: link(m) });
    o.client.send({ type: 'lobby.admit', participantIds: [inside.joined.self.id] });
    await inside.client.next('admitted');

    // Attendees can neither deny nor remove; nothing happens to the target.
    inside.client.send({ type: 'lobby.reject', participantId: waiting.joined.self.id });
    inside.client.send({ type: 'remove', participantId: o.joined.self.id });
    expect((await inside.client.next('error')).code).toBe('not_allowed');
    expect((await inside.client.next('error')).code).toBe('not_allowed');
    expect(await waiting.client.gets('ended', undefined, 200)).toBe(false);

    o.client.send({ type: 'lobby.reject', participantId: waiting.joined.self.id });
    const denied = await waiting.client.next('ended');
    expect(denied).toMatchObject({ code: 0, subCode: 5854 });
    expect((await waiting.client.closed).code).toBe(1000);
    expect((await o.client.next('lobby.updated', (u) => u.lobby.length === 0)).lobby).toEqual([]);
    // Presenters hear about lobby departures too; the attendee inside never knew about the lobby.
    expect(await o.client.next('participant.left')).toMatchObject({
      participantId: waiting.joined.self.id,
      reason: 'denied',
    });
    expect(await inside.client.gets('participant.left', undefined, 100)).toBe(false);

    o.client.send({ type: 'remove', participantId: inside.joined.self.id });
    const removed = await inside.client.next('ended');
    expect(removed).toMatchObject(END.removed);
    expect([5000, 5300, 560000]).toContain(removed.subCode);
    expect((await inside.client.closed).code).toBe(1000);
    expect(await o.client.next('participant.left')).toMatchObject({
      participantId: inside.joined.self.id,
      reason: 'removed',
    });

    // The organizer cannot be removed, by anyone.
    const s = await fx.join({ token: colleague.token, meeting: link(m) });
    s.client.send({ type: 'remove', participantId: o.joined.self.id });
    expect((await s.client.next('error')).code).toBe('not_allowed');
  });

  it('leave ends the call for the leaver with 0/0 and tells the others', async () => {
    const m = await fx.meeting(organizer.id, 'everyone');
    const a = await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    const b = await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    b.client.send({ type: 'leave' });
    expect(await b.client.next('ended')).toMatchObject(END.left);
    expect(await a.client.next('participant.left')).toMatchObject({ participantId: b.joined.self.id, reason: 'left' });
    a.client.send({ type: 'leave' });
    await a.client.closed;
    await sleep(50);
    expect((await fx.calls()).find((c) => c.meetingId === m.id)).toBeUndefined();
  });

  it('ends the meeting for everyone, lobby included, when the organizer leaves with forEveryone', async () => {
    const m = await fx.meeting(organizer.id, 'organization');
    const o = await fx.join({ token: organizer.token, meeting: link(m) });
    const s = await fx.join({ token: colleague.token, meeting: link(m) });
    const waiting = await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    const awayToken = (await fx.guest()).token;
    const away = await fx.join({ token: awayToken, meeting: link(m) });
    o.client.send({ type: 'lobby.admit', participantIds: [away.joined.self.id] });
    await away.client.next('admitted');
    // One guest's network is down when the meeting ends: they hear it when they come back.
    away.client.drop();
    await o.client.next('participant.updated', (x) => x.participant.reconnecting);

    // A presenter who is not the organizer only leaves, whatever they ask for.
    s.client.send({ type: 'leave', forEveryone: true });
    expect(await s.client.next('ended')).toMatchObject(END.left);
    expect(await o.client.next('participant.left')).toMatchObject({ participantId: s.joined.self.id, reason: 'left' });
    expect(waiting.client.all('ended')).toEqual([]);

    o.client.send({ type: 'leave', forEveryone: true });
    for (const c of [o, waiting]) {
      expect(await c.client.next('ended')).toMatchObject(END.endedForEveryone);
      expect((await c.client.closed).code).toBe(1000);
    }
    expect((await fx.calls()).find((c) => c.meetingId === m.id)).toBeUndefined();
    const back = await fx.joinEnded({
      token: awayToken,
      meeting: link(m),
      resume: { participantId: away.joined.self.id, resumeKey: away.joined.resumeKey },
    });
    expect(back.ended).toMatchObject(END.endedForEveryone);
  });

  it('lets a guest go with the lobby-timeout end when nobody admits them in time', async () => {
    const short = await new CallingFixture().start({ lobbyTimeoutMs: 600 });
    try {
      const staff = await short.staff('Absent Organizer');
      const m = await short.meeting(staff.id, 'organization');
      const g = await short.join({ token: (await short.guest()).token, meeting: link(m) });
      expect(g.joined.self.state).toBe('InLobby');
      const t0 = Date.now();
      expect(await g.client.next('ended', undefined, 5_000)).toMatchObject(END.lobbyTimeout);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
      expect((await g.client.closed).code).toBe(1000);
      expect((await short.calls()).find((c) => c.meetingId === m.id)).toBeUndefined();

      // Admitted in time: the timer is off.
      const o = await short.join({ token: staff.token, meeting: link(m) });
      const h = await short.join({ token: (await short.guest()).token, meeting: link(m) });
      o.client.send({ type: 'lobby.admit', participantIds: [h.joined.self.id] });
      await h.client.next('admitted');
      await sleep(900);
      expect(h.client.all('ended')).toEqual([]);
    } finally {
      await short.stop();
    }
  });

  it('lists active calls on the loopback-only admin API', async () => {
    const m = await fx.meeting(organizer.id, 'everyone', 'Listed');
    const g = await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    const r = await admin<{ value: Array<{ callId: string; subject: string; participants: Array<{ id: string }> }> }>(
      fx.emu,
      'GET',
      '/calls',
    );
    const call = r.body.value.find((c) => c.callId === g.joined.callId);
    expect(call).toMatchObject({ subject: 'Listed', participants: [{ id: g.joined.self.id }] });
  });
});
