import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { socketFactory } from './fake-socket.test-util';
import { participant } from './participant.test-util';
import type { Participant } from '@/lib/contracts/calling-protocol';
import { SignallingClient, type JoinRequest, type SignallingOptions, type SignallingStatus } from './signalling';

const self: Participant = participant({ id: 'p-a', identity: '8:acs:res_a', displayName: 'Ann' });
const joined = (id = 'p-a', resumed = false) => ({
  type: 'joined',
  callId: 'call-1',
  self: { ...self, id },
  resumeKey: `key-${id}-0123456789abcdef`,
  resumed,
  meeting: { subject: 'Standup' },
  participants: [],
  lobby: [],
  compliance: { recording: false, transcription: false },
});

const joinRequest = (token: string): JoinRequest => ({
  token,
  meeting: { joinUrl: 'https://teams.microsoft.com/meet/1?p=x' },
  displayName: 'Ann',
  state: { muted: false, cameraOn: false },
});

/** Short, deterministic timings (no jitter) so the tests can step through backoff and grace. */
const clientOptions = (f: ReturnType<typeof socketFactory>, join: SignallingOptions['join']): SignallingOptions => ({
  url: 'ws://calling.test/calling',
  createSocket: f.create,
  join,
  backoffInitialMs: 100,
  backoffMaxMs: 1_000,
  resumeGraceMs: 5_000,
  random: () => 1,
});

function setup() {
  const f = socketFactory();
  let tokens = 0;
  const client = new SignallingClient(clientOptions(f, () => joinRequest(`token-${++tokens}`)));
  const statuses: SignallingStatus[] = [];
  const messages: string[] = [];
  const lost: unknown[] = [];
  let restarted = 0;
  client.on('status', (s) => statuses.push(s));
  client.on('message', (m) => messages.push(m.type));
  client.on('lost', (l) => lost.push(l));
  client.on('restarted', () => restarted++);
  return { f, client, statuses, messages, lost, restarted: () => restarted };
}

/** A client that has opened its socket and been told `joined`. */
async function setupJoined() {
  const t = setup();
  t.client.start();
  t.f.last().open();
  await vi.advanceTimersByTimeAsync(0);
  t.f.last().receive(joined());
  return t;
}

describe('SignallingClient', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('joins on open, pings every 10 s, and delivers valid messages', async () => {
    const t = setup();
    t.client.start();
    t.f.last().open();
    await vi.advanceTimersByTimeAsync(0);
    const [join] = t.f.last().sentOfType('join');
    expect(join).toMatchObject({ type: 'join', v: 1, token: 'token-1', displayName: 'Ann' });
    expect(join).not.toHaveProperty('resume');
    t.f.last().receive(joined());
    expect(t.client.currentStatus).toBe('joined');
    expect(t.messages).toEqual(['joined']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.f.last().sentOfType('ping')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.f.last().sentOfType('ping')).toHaveLength(2);
  });

  it('ignores invalid frames without ending the call', async () => {
    const t = setup();
    t.client.start();
    t.f.last().open();
    await vi.advanceTimersByTimeAsync(0);
    t.f.last().receive('not json');
    t.f.last().receive({ type: 'nonsense' });
    t.f.last().receive({ type: 'joined', callId: 'x' });
    t.f.last().receive('x'.repeat(70 * 1024));
    expect(t.client.invalidFrames).toBe(4);
    expect(t.messages).toEqual([]);
    t.f.last().receive(joined());
    expect(t.messages).toEqual(['joined']);
    expect(t.client.currentStatus).toBe('joined');
  });

  it('resumes as the same participant after a drop, with exponential backoff', async () => {
    const t = await setupJoined();
    t.f.last().drop(1006);
    expect(t.client.currentStatus).toBe('reconnecting');
    expect(t.f.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(t.f.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.f.sockets).toHaveLength(2);
    // second attempt fails before opening: the delay doubles
    t.f.last().drop(1006);
    await vi.advanceTimersByTimeAsync(199);
    expect(t.f.sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.f.sockets).toHaveLength(3);
    t.f.last().open();
    await vi.advanceTimersByTimeAsync(0);
    const [join] = t.f.last().sentOfType('join');
    expect(join).toMatchObject({
      token: 'token-2',
      resume: { participantId: 'p-a', resumeKey: 'key-p-a-0123456789abcdef' },
    });
    t.f.last().receive(joined('p-a', true));
    expect(t.client.currentStatus).toBe('joined');
    expect(t.lost).toEqual([]);
  });

  it('joins afresh (no resume) after close code 1012 and reports the restart', async () => {
    const t = await setupJoined();
    t.f.last().drop(1012);
    expect(t.restarted()).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    t.f.last().open();
    await vi.advanceTimersByTimeAsync(0);
    const [join] = t.f.last().sentOfType('join');
    expect(join).toBeDefined();
    expect(join).not.toHaveProperty('resume');
    t.f.last().receive(joined('p-new'));
    expect(t.client.participantId).toBe('p-new');
  });

  it('gives up after the resume grace period', async () => {
    const t = await setupJoined();
    t.f.last().drop(1006);
    for (let i = 0; i < 20 && t.lost.length === 0; i++) {
      await vi.advanceTimersByTimeAsync(1_000);
      t.f.last().drop(1006);
    }
    expect(t.lost).toHaveLength(1);
    expect(t.client.currentStatus).toBe('closed');
    const count = t.f.sockets.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.f.sockets).toHaveLength(count);
  });

  it('never reconnects after `ended` or close()', async () => {
    const t = await setupJoined();
    t.f.last().receive({ type: 'ended', code: 0, subCode: 5300, reason: 'removed' });
    t.f.last().drop(1000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.f.sockets).toHaveLength(1);
    expect(t.client.currentStatus).toBe('closed');
    expect(t.messages).toEqual(['joined', 'ended']);

    const u = setup();
    u.client.start();
    u.f.last().open();
    await vi.advanceTimersByTimeAsync(0);
    u.client.close();
    u.client.close();
    expect(u.f.last().closedWith).toBe(1000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(u.f.sockets).toHaveLength(1);
  });

  it('retries a resume whose token refresh fails, and gives up only after the grace (the first join fails at once)', async () => {
    const f = socketFactory();
    let failing = false;
    const lost: unknown[] = [];
    const client = new SignallingClient(
      clientOptions(f, () =>
        failing ? Promise.reject(new Error('token refresh failed (503)')) : joinRequest('token'),
      ),
    );
    client.on('lost', (l) => lost.push(l));
    client.start();
    f.last().open();
    await vi.advanceTimersByTimeAsync(0);
    f.last().receive(joined());
    f.last().drop(1006);
    failing = true;
    await vi.advanceTimersByTimeAsync(100);
    f.last().open();
    await vi.advanceTimersByTimeAsync(0);
    // Not lost: the socket is closed quietly and another attempt is scheduled.
    expect(lost).toEqual([]);
    expect(client.currentStatus).toBe('reconnecting');
    expect(f.last().closedWith).toBe(1000);
    const before = f.sockets.length;
    await vi.advanceTimersByTimeAsync(200);
    expect(f.sockets.length).toBe(before + 1);
    // The token works again: the resume goes through with the same participant.
    failing = false;
    f.last().open();
    await vi.advanceTimersByTimeAsync(0);
    expect(f.last().sentOfType('join')[0]).toMatchObject({ resume: { participantId: 'p-a' } });
    f.last().receive(joined('p-a', true));
    expect(client.currentStatus).toBe('joined');
    // If it keeps failing, `lost` comes only after the grace.
    f.last().drop(1006);
    const droppedAt = Date.now();
    failing = true;
    for (let i = 0; i < 20 && lost.length === 0; i++) {
      await vi.advanceTimersByTimeAsync(1_000);
      f.last().open();
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ reason: expect.stringMatching(/could not prepare the join/) });
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(4_000);

    // A first join that cannot be prepared still fails at once (nothing to resume).
    const g = socketFactory();
    const firstLost: unknown[] = [];
    const first = new SignallingClient({
      url: 'ws://x',
      createSocket: g.create,
      join: () => Promise.reject(new Error('no token')),
    });
    first.on('lost', (l) => firstLost.push(l));
    first.start();
    g.last().open();
    await vi.advanceTimersByTimeAsync(0);
    expect(firstLost).toHaveLength(1);
  });

  it('does not send before joined', async () => {
    const t = setup();
    t.client.start();
    t.f.last().open();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.client.send({ type: 'state', muted: true })).toBe(false);
    t.f.last().receive(joined());
    expect(t.client.send({ type: 'state', muted: true })).toBe(true);
    expect(t.f.last().sentOfType('state')).toEqual([{ type: 'state', muted: true }]);
  });
});
