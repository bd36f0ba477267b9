/**
 * Raised hands, reactions and recording notices through the real calling service and admin API,
 * over WebSocket and HTTP (calling-protocol.ts, "Interactions").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { admin } from '../testing';
import { CallingFixture, type Meeting, type Staff } from './fixture';

const fx = new CallingFixture();
let organizer: Staff;

beforeAll(async () => {
  await fx.start();
  organizer = await fx.staff('Olivia Organizer');
});
afterAll(async () => {
  await fx.stop();
});

const link = (m: Meeting) => ({ joinUrl: m.joinWebUrl });
const recording = (m: Meeting, method: 'POST' | 'DELETE', kind = 'recording') =>
  admin<{ recording: boolean; transcription: boolean }>(
    fx.emu,
    method,
    `/meetings/${encodeURIComponent(m.id)}/${kind}`,
  );

describe('recording and transcription notices', () => {
  it('admin starts a recording → everyone in the call is told; a late joiner and an admitted guest learn it on entry', async () => {
    const m = await fx.meeting(organizer.id, 'organization');
    expect((await recording(m, 'POST')).status).toBe(409); // nothing to record yet
    const host = await fx.join({ token: organizer.token, meeting: link(m), displayName: 'Olivia' });
    expect(host.joined.compliance).toEqual({ recording: false, transcription: false });

    const started = await recording(m, 'POST');
    expect(started).toEqual({ status: 200, body: { recording: true, transcription: false } });
    expect(await host.client.next('compliance.updated')).toMatchObject({ recording: true, transcription: false });

    // The lobby is not in the meeting yet: it learns of the recording on admission.
    const waiting = await fx.join({ token: (await fx.guest()).token, meeting: link(m), displayName: 'Gail' });
    expect(waiting.joined.self.state).toBe('InLobby');
    expect(waiting.joined.compliance).toEqual({ recording: false, transcription: false });

    const staffLate = await fx.staff('Sam Late');
    const late = await fx.join({ token: staffLate.token, meeting: link(m) });
    expect(late.joined.compliance).toEqual({ recording: true, transcription: false });

    host.client.send({ type: 'lobby.admit', participantIds: [waiting.joined.self.id] });
    expect((await waiting.client.next('admitted')).compliance).toEqual({ recording: true, transcription: false });
    expect(waiting.client.all('compliance.updated')).toEqual([]); // the lobby was not told before

    expect((await recording(m, 'POST', 'transcription')).body).toEqual({ recording: true, transcription: true });
    expect((await recording(m, 'DELETE')).body).toEqual({ recording: false, transcription: true });
    await waiting.client.next('compliance.updated', (f) => f.transcription);
    expect(await waiting.client.next('compliance.updated')).toMatchObject({ recording: false, transcription: true });
    expect((await admin(fx.emu, 'POST', '/meetings/nope/recording')).status).toBe(404);
  });
});

describe('reactions and raised hands', () => {
  it('relays a guest reaction to everyone Connected, refuses one from the lobby, and keeps the hand queue in order', async () => {
    const m = await fx.meeting(organizer.id, 'organization');
    const host = await fx.join({ token: organizer.token, meeting: link(m), displayName: 'Olivia' });
    const guestA = await fx.join({ token: (await fx.guest()).token, meeting: link(m), displayName: 'Ann' });
    const guestB = await fx.join({ token: (await fx.guest()).token, meeting: link(m), displayName: 'Ben' });
    host.client.send({ type: 'lobby.admit', participantIds: 'all' });
    await guestA.client.next('admitted');
    await guestB.client.next('admitted');
    const lurker = await fx.join({ token: (await fx.guest()).token, meeting: link(m), displayName: 'Lou' });

    guestA.client.send({ type: 'reaction', reaction: 'heart' });
    const heart = { type: 'reaction', from: guestA.joined.self.id, reaction: 'heart' };
    expect(await host.client.next('reaction')).toEqual(heart);
    expect(await guestB.client.next('reaction')).toEqual(heart);
    expect(await guestA.client.next('reaction')).toEqual(heart);

    lurker.client.send({ type: 'reaction', reaction: 'like' });
    expect((await lurker.client.next('error')).code).toBe('not_connected');

    guestB.client.send({ type: 'state', handRaised: true });
    guestA.client.send({ type: 'state', handRaised: true });
    const ben = guestB.joined.self.id;
    const ann = guestA.joined.self.id;
    await host.client.next('participant.updated', (f) => f.participant.id === ann && f.participant.handOrder === 2);
    // The raiser is told its own place in the queue.
    await guestB.client.next('participant.updated', (f) => f.participant.id === ben && f.participant.handOrder === 1);
    guestB.client.send({ type: 'state', handRaised: false });
    await host.client.next('participant.updated', (f) => f.participant.id === ann && f.participant.handOrder === 1);
    await guestA.client.next('participant.updated', (f) => f.participant.id === ann && f.participant.handOrder === 1);
    expect(lurker.client.all('reaction')).toEqual([]);
  });
});
