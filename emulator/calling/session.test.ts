import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { END, MAX_FRAME_BYTES, MAX_PARTICIPANTS } from '../../lib/contracts/calling-protocol';
import { CallClient, joinFrame } from './client';
import { CallingFixture, TEST_APP_ORIGIN, sleep, type Meeting, type Staff } from './fixture';
import { createTestUser, graphTokenFor } from '../testing';

const GRACE = 800;
const fx = new CallingFixture();
let organizer: Staff;

beforeAll(async () => {
  await fx.start({ resumeGraceMs: GRACE, idleTimeoutMs: 1_000, floodRatePerS: 50, floodBurst: 100 });
  organizer = await fx.staff('Olivia Organizer');
});
afterAll(async () => {
  await fx.stop();
});

const link = (m: Meeting) => ({ joinUrl: m.joinWebUrl });
const offer = { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };

/** A bypass meeting with an organizer and two guests, all Connected. */
async function threeInACall(scope = 'everyone') {
  const m = await fx.meeting(organizer.id, scope);
  const o = await fx.join({ token: organizer.token, meeting: link(m) });
  const aToken = (await fx.guest()).token;
  const a = await fx.join({ token: aToken, meeting: link(m), displayName: 'Ann' });
  const b = await fx.join({ token: (await fx.guest()).token, meeting: link(m), displayName: 'Bob' });
  return { m, o, a, b, aToken };
}

describe('calling service: signalling and state', () => {
  it('relays signals only between Connected peers, with the server setting `from`', async () => {
    const m = await fx.meeting(organizer.id, 'organization');
    const o = await fx.join({ token: organizer.token, meeting: link(m) });
    const g = await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    const waiting = await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    o.client.send({ type: 'lobby.admit', participantIds: [g.joined.self.id] });
    await g.client.next('admitted');

    // A forged sender is ignored: `from` is the real sender.
    g.client.send({ type: 'signal', to: o.joined.self.id, from: waiting.joined.self.id, description: offer });
    const got = await o.client.next('signal');
    expect(got).toEqual({ type: 'signal', from: g.joined.self.id, description: offer });
    o.client.send({
      type: 'signal',
      to: g.joined.self.id,
      candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' },
    });
    expect((await g.client.next('signal')).from).toBe(o.joined.self.id);
    // End of candidates (null) is relayed too.
    o.client.send({ type: 'signal', to: g.joined.self.id, candidate: null });
    expect((await g.client.next('signal')).candidate).toBeNull();

    // To someone in the lobby, from someone in the lobby, to an unknown id: refused, nothing relayed.
    o.client.send({ type: 'signal', to: waiting.joined.self.id, description: offer });
    expect((await o.client.next('error')).code).toBe('not_connected');
    waiting.client.send({ type: 'signal', to: o.joined.self.id, description: offer });
    expect((await waiting.client.next('error')).code).toBe('not_connected');
    o.client.send({ type: 'signal', to: 'nobody', description: offer });
    expect((await o.client.next('error')).code).toBe('unknown_participant');
    expect(await waiting.client.gets('signal', undefined, 150)).toBe(false);
    expect(await o.client.gets('signal', undefined, 50)).toBe(false);
  });

  it('broadcasts state changes to Connected peers, not back to the sender', async () => {
    const { o, a, b } = await threeInACall();
    a.client.send({ type: 'state', muted: true, handRaised: true });
    for (const peer of [o, b]) {
      const u = await peer.client.next('participant.updated', (x) => x.participant.id === a.joined.self.id);
      expect(u.participant).toMatchObject({ muted: true, handRaised: true, cameraOn: true });
    }
    // The sender hears back only its own place in the raised-hand queue (meeting-state.ts).
    const own = await a.client.next('participant.updated');
    expect(own.participant).toMatchObject({ id: a.joined.self.id, handRaised: true, handOrder: 1 });
    a.client.send({ type: 'state', muted: false });
    await b.client.next('participant.updated', (x) => x.participant.id === a.joined.self.id && !x.participant.muted);
    expect(await a.client.gets('participant.updated', undefined, 100)).toBe(false);
    a.client.send({ type: 'state', speaking: true });
    expect(
      (await b.client.next('participant.updated', (x) => x.participant.id === a.joined.self.id)).participant.speaking,
    ).toBe(true);
  });

  it('lets one participant share the screen at a time: the newest takes over', async () => {
    const { o, a, b } = await threeInACall();
    a.client.send({ type: 'state', screenSharing: true });
    expect((await b.client.next('participant.updated')).participant).toMatchObject({
      id: a.joined.self.id,
      screenSharing: true,
    });
    b.client.send({ type: 'state', screenSharing: true });
    // Ann is told she stopped; everyone sees it and sees Bob sharing.
    expect(
      (await a.client.next('participant.updated', (x) => x.participant.id === a.joined.self.id)).participant
        .screenSharing,
    ).toBe(false);
    expect(
      (await a.client.next('participant.updated', (x) => x.participant.id === b.joined.self.id)).participant
        .screenSharing,
    ).toBe(true);
    await o.client.next(
      'participant.updated',
      (x) => x.participant.id === a.joined.self.id && x.participant.screenSharing,
    );
    expect(
      (await o.client.next('participant.updated', (x) => x.participant.id === a.joined.self.id)).participant
        .screenSharing,
    ).toBe(false);
    const call = (await fx.calls()).find((c) => c.participants.some((p) => p.id === a.joined.self.id))!;
    expect(call.participants.filter((p) => (p as { screenSharing?: boolean }).screenSharing).map((p) => p.id)).toEqual([
      b.joined.self.id,
    ]);
  });

  it('refuses screen sharing from an attendee (only presenters present)', async () => {
    // allowedPresenters 'organizer': everyone but the organizer is an attendee.
    const user = await createTestUser(fx.emu, 'Paula Presenter');
    const graphToken = await graphTokenFor(fx.emu, { username: user.upn, password: user.password });
    const staff = await fx.staff('Staff Attendee');
    const m = await fx.meeting(user.id, 'everyone');
    const patched = await fetch(`${fx.emu.url}/graph/v1.0/me/onlineMeetings/${encodeURIComponent(m.id)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${graphToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ allowedPresenters: 'organizer' }),
    });
    expect(patched.status).toBe(200);
    const att = await fx.join({ token: staff.token, meeting: link(m) });
    const g = await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    expect(att.joined.self.role).toBe('attendee');
    att.client.send({ type: 'state', screenSharing: true });
    expect((await att.client.next('error')).code).toBe('not_allowed');
    expect(await g.client.gets('participant.updated', (x) => x.participant.screenSharing, 150)).toBe(false);
    // Other state from an attendee still goes through.
    att.client.send({ type: 'state', handRaised: true });
    expect(
      (await g.client.next('participant.updated', (x) => x.participant.id === att.joined.self.id)).participant,
    ).toMatchObject({ handRaised: true, screenSharing: false });
  });

  it(`refuses the participant after ${MAX_PARTICIPANTS} with the call-full end`, async () => {
    const m = await fx.meeting(organizer.id, 'organization');
    // The lobby counts: seven guests wait, the organizer makes eight.
    for (let i = 0; i < MAX_PARTICIPANTS - 1; i++) await fx.join({ token: (await fx.guest()).token, meeting: link(m) });
    await fx.join({ token: organizer.token, meeting: link(m) });
    const r = await fx.joinEnded({ token: (await fx.guest()).token, meeting: link(m) });
    expect(r.ended).toMatchObject(END.callFull);
    expect(r.ended.reason).toMatch(new RegExp(`${MAX_PARTICIPANTS} participants`));
    expect(r.closeCode).toBe(1000);
  });
});

describe('calling service: resilience', () => {
  it('resumes a dropped participant within the grace period with the same id', async () => {
    const { m, o, a, b, aToken } = await threeInACall();
    a.client.drop();
    const down = await o.client.next('participant.updated', (x) => x.participant.id === a.joined.self.id);
    expect(down.participant.reconnecting).toBe(true);
    // Signals to a reconnecting participant are refused.
    b.client.send({ type: 'signal', to: a.joined.self.id, description: offer });
    expect((await b.client.next('error')).code).toBe('not_connected');

    // A wrong resume key is not a resume: a fresh participant.
    const stranger = await fx.join({
      token: (await fx.guest()).token,
      meeting: link(m),
      resume: { participantId: a.joined.self.id, resumeKey: 'x'.repeat(32) },
    });
    expect(stranger.joined.resumed).toBe(false);
    expect(stranger.joined.self.id).not.toBe(a.joined.self.id);

    const back = await fx.join({
      token: aToken,
      meeting: link(m),
      resume: { participantId: a.joined.self.id, resumeKey: a.joined.resumeKey },
    });
    expect(back.joined.resumed).toBe(true);
    expect(back.joined.self).toMatchObject({ id: a.joined.self.id, reconnecting: false, displayName: 'Ann' });
    expect(back.joined.participants.map((p) => p.id).sort()).toEqual(
      [o.joined.self.id, b.joined.self.id, stranger.joined.self.id].sort(),
    );
    const up = await o.client.next('participant.updated', (x) => x.participant.id === a.joined.self.id);
    expect(up.participant.reconnecting).toBe(false);
    // Nobody was told Ann left.
    expect(o.client.all('participant.left').map((l) => l.participantId)).not.toContain(a.joined.self.id);
    // Signalling works again, to the same id.
    b.client.send({ type: 'signal', to: a.joined.self.id, description: offer });
    expect((await back.client.next('signal')).from).toBe(b.joined.self.id);
  });

  it('counts a participant as dropped after the grace period', async () => {
    const { m, o, a, aToken } = await threeInACall();
    const t0 = Date.now();
    a.client.drop();
    await o.client.next('participant.updated', (x) => x.participant.reconnecting);
    const left = await o.client.next('participant.left', undefined, GRACE + 2_000);
    expect(left).toEqual({ type: 'participant.left', participantId: a.joined.self.id, reason: 'dropped' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(GRACE - 50);
    // Too late to resume: the call is over for Ann, and her late resume is told so (ACS: 410/301005).
    const late = await fx.joinEnded({
      token: aToken,
      meeting: link(m),
      resume: { participantId: a.joined.self.id, resumeKey: a.joined.resumeKey },
    });
    expect(late.ended).toMatchObject(END.dropped);
    expect(late.closeCode).toBe(1000);
    // A plain join afterwards makes her a new participant.
    const again = await fx.join({ token: aToken, meeting: link(m) });
    expect(again.joined.resumed).toBe(false);
    expect(again.joined.self.id).not.toBe(a.joined.self.id);
  });

  it('closes an idle socket that stops answering pings and treats it as a drop', async () => {
    const { o, a } = await threeInACall();
    // Stop reading: no pongs, no frames.
    a.client.ws.pause();
    const u = await o.client.next('participant.updated', (x) => x.participant.id === a.joined.self.id, 5_000);
    expect(u.participant.reconnecting).toBe(true);
  });

  it('leaves a participant in the call when their token is revoked, and refuses that token at the next resume or join', async () => {
    const m = await fx.meeting(organizer.id, 'everyone');
    const o = await fx.join({ token: organizer.token, meeting: link(m) });
    const revokedUser = await fx.guest();
    const deletedUser = await fx.guest();
    const r = await fx.join({ token: revokedUser.token, meeting: link(m) });
    const d = await fx.join({ token: deletedUser.token, meeting: link(m) });

    await fx.identity.revokeTokens(revokedUser.user);
    await fx.identity.deleteUser(deletedUser.user);
    // Revocation stops tokens; it does not end a call already joined. Well past the 2 s within which
    // the emulator used to remove them, both are still in the call and still heard.
    await sleep(1_500);
    expect(r.client.all('ended')).toEqual([]);
    expect(d.client.all('ended')).toEqual([]);
    expect(o.client.all('participant.left')).toEqual([]);
    r.client.send({ type: 'state', handRaised: true });
    expect(
      (await o.client.next('participant.updated', (x) => x.participant.id === r.joined.self.id)).participant.handRaised,
    ).toBe(true);
    expect((await fx.calls()).find((c) => c.meetingId === m.id)?.participants).toHaveLength(3);

    // The network drops: the resume shows the revoked token again and is refused.
    r.client.drop();
    await o.client.next(
      'participant.updated',
      (x) => x.participant.id === r.joined.self.id && x.participant.reconnecting,
    );
    const resumed = await fx.joinEnded({
      token: revokedUser.token,
      meeting: link(m),
      resume: { participantId: r.joined.self.id, resumeKey: r.joined.resumeKey },
    });
    expect(resumed.ended).toMatchObject(END.unauthorized);
    expect(resumed.closeCode).toBe(1000);
    // A fresh join with either token is refused too.
    expect((await fx.joinEnded({ token: revokedUser.token, meeting: link(m) })).ended).toMatchObject(END.unauthorized);
    expect((await fx.joinEnded({ token: deletedUser.token, meeting: link(m) })).ended).toMatchObject(END.unauthorized);
    // The dropped participant leaves like any other once its grace is over; the others stay.
    expect(await o.client.next('participant.left', undefined, GRACE + 2_000)).toEqual({
      type: 'participant.left',
      participantId: r.joined.self.id,
      reason: 'dropped',
    });
    expect(d.client.closeCode).toBeUndefined();
    expect(o.client.closeCode).toBeUndefined();
  });

  it('a fresh join by the same identity (page reload) removes its reconnecting ghost at once', async () => {
    const { m, o, a, aToken } = await threeInACall();
    a.client.drop();
    await o.client.next(
      'participant.updated',
      (x) => x.participant.id === a.joined.self.id && x.participant.reconnecting,
    );
    // The reloaded page has no resume key: a fresh join with the same token (same identity).
    const again = await fx.join({ token: aToken, meeting: link(m), displayName: 'Ann' });
    expect(again.joined.resumed).toBe(false);
    // The ghost leaves before the new session is announced.
    const left = await o.client.next('participant.left');
    expect(left).toEqual({ type: 'participant.left', participantId: a.joined.self.id, reason: 'left' });
    const joinedAfter = await o.client.next('participant.joined', (x) => x.participant.id === again.joined.self.id);
    expect(o.client.received.indexOf(left)).toBeLessThan(o.client.received.indexOf(joinedAfter));
    // The grace period passes without a second participant.left (it would remove the live tile).
    await sleep(GRACE + 300);
    expect(o.client.all('participant.left').filter((x) => x.participantId === a.joined.self.id)).toHaveLength(1);
    const call = (await fx.calls()).find((c) => c.meetingId === m.id)!;
    expect(call.participants.map((p) => p.id)).toContain(again.joined.self.id);
    expect(call.participants.map((p) => p.id)).not.toContain(a.joined.self.id);
  });

  it('closes every socket with 1012 when the emulator shuts down', async () => {
    // A distinctive grace period, to spot a grace timer armed during shutdown.
    const grace = 7_777;
    const other = await new CallingFixture().start({ resumeGraceMs: grace });
    const timeouts = vi.spyOn(globalThis, 'setTimeout');
    try {
      const staff = await other.staff('Shut Down');
      const m = await other.meeting(staff.id, 'everyone');
      const s = await other.join({ token: staff.token, meeting: link(m) });
      const g = await other.join({ token: (await other.guest()).token, meeting: link(m) });
      other.clients = [];
      timeouts.mockClear();
      await other.emu.close();
      expect((await s.client.closed).code).toBe(1012);
      expect((await g.client.closed).code).toBe(1012);
      expect(s.client.all('ended')).toEqual([]);
      // The 1012 closes are not drops: no resume grace is armed after shutdown.
      expect(timeouts.mock.calls.filter(([, ms]) => ms === grace)).toEqual([]);
    } finally {
      timeouts.mockRestore();
      await other.stop();
    }
  });
});

describe('calling service: robustness', () => {
  it('refuses malformed, unknown, out-of-order and oversized frames without disturbing the call', async () => {
    const { o, a, b } = await threeInACall();
    const stillWorks = async (n: number) => {
      o.client.send({ type: 'state', handRaised: n % 2 === 1 });
      for (const peer of [a, b]) {
        if (peer.client.closeCode !== undefined) continue;
        const u = await peer.client.next('participant.updated', (x) => x.participant.id === o.joined.self.id);
        expect(u.participant.handRaised).toBe(n % 2 === 1);
      }
    };

    a.client.send('{not json');
    expect((await a.client.next('error')).code).toBe('invalid_message');
    a.client.send({ type: 'teleport', to: o.joined.self.id });
    expect((await a.client.next('error')).code).toBe('invalid_message');
    a.client.send({ type: 'state', muted: 'yes' });
    expect((await a.client.next('error')).code).toBe('invalid_message');
    a.client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await a.client.next('error')).code).toBe('invalid_message');
    a.client.send({ type: 'signal', to: o.joined.self.id });
    expect((await a.client.next('error')).code).toBe('invalid_message');
    a.client.send(joinFrame({ token: organizer.token, meeting: { joinUrl: 'x' } }));
    expect((await a.client.next('error')).code).toBe('already_joined');
    await stillWorks(1);

    // Anything before join.
    const early = new CallClient(fx.wsUrl, { origin: TEST_APP_ORIGIN });
    fx.clients.push(early);
    await early.opened;
    early.send({ type: 'signal', to: o.joined.self.id, description: offer });
    expect((await early.next('error')).code).toBe('not_joined');
    early.send({ type: 'ping' });
    expect((await early.next('error')).code).toBe('not_joined');
    expect(await o.client.gets('signal', undefined, 100)).toBe(false);

    // A frame over MAX_FRAME_BYTES closes only the sender's socket (1009), who can resume.
    b.client.send({
      type: 'signal',
      to: o.joined.self.id,
      description: { type: 'offer', sdp: 'a'.repeat(MAX_FRAME_BYTES) },
    });
    expect((await b.client.closed).code).toBe(1009);
    expect(await o.client.gets('signal', undefined, 100)).toBe(false);
    await o.client.next(
      'participant.updated',
      (x) => x.participant.id === b.joined.self.id && x.participant.reconnecting,
    );
    await stillWorks(2);

    a.client.send({ type: 'ping' });
    await a.client.next('pong');
    expect(a.client.invalidFrames).toEqual([]);
    expect(o.client.invalidFrames).toEqual([]);
  });

  it('closes a flooding socket with 1008 while the others keep their call', async () => {
    const { o, a, b } = await threeInACall();
    for (let i = 0; i < 400; i++) a.client.send({ type: 'state', speaking: i % 2 === 0 });
    expect((await a.client.closed).code).toBe(1008);
    o.client.send({ type: 'signal', to: b.joined.self.id, description: offer });
    expect((await b.client.next('signal')).from).toBe(o.joined.self.id);
    b.client.send({ type: 'state', muted: true });
    expect(
      (await o.client.next('participant.updated', (x) => x.participant.id === b.joined.self.id && x.participant.muted))
        .participant.muted,
    ).toBe(true);
  });

  it('still lets a well-behaved burst through (trickle ICE to several peers)', async () => {
    const { o, a, b } = await threeInACall();
    for (let i = 0; i < 40; i++) {
      o.client.send({
        type: 'signal',
        to: (i % 2 ? a : b).joined.self.id,
        candidate: { candidate: `candidate:${i} 1 udp 1 127.0.0.1 ${5000 + i} typ host` },
      });
    }
    await sleep(300);
    expect(o.client.closeCode).toBeUndefined();
    expect(a.client.all('signal')).toHaveLength(20);
    expect(b.client.all('signal')).toHaveLength(20);
  });
});
