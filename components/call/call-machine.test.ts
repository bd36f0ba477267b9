import { describe, expect, it } from 'vitest';
import { END } from '@/lib/contracts/calling-protocol';
import { callReducer, INITIAL_CALL_STATE, statusChange, type CallEvent, type CallState } from './call-machine';

function run(events: CallEvent[], from: CallState = INITIAL_CALL_STATE): CallState[] {
  const states = [from];
  for (const e of events) states.push(callReducer(states[states.length - 1]!, e));
  return states;
}
const last = (states: CallState[]) => states[states.length - 1]!;

describe('callReducer', () => {
  it('goes devices → joining → lobby → in call → ended, as the adapter reports', () => {
    const states = run([
      { type: 'join' },
      { type: 'page', page: 'lobby', waiting: false },
      { type: 'page', page: 'lobby', waiting: true },
      { type: 'page', page: 'call' },
      { type: 'ended', ...END.left },
    ]);
    expect(states.map((s) => s.kind)).toEqual(['devices', 'joining', 'lobby', 'lobby', 'inCall', 'ended']);
    expect(last(states)).toMatchObject({ kind: 'ended', message: { key: 'left', canRejoin: true } });
  });

  it('ends a join the token route refuses with what the refusal means', () => {
    const s = last(run([{ type: 'join' }, { type: 'tokenRefused', refusal: 'withdrawn' }]));
    expect(s).toMatchObject({ kind: 'ended', message: { key: 'withdrawn', canRejoin: false } });
    // No Rejoin from a withdrawn invitation.
    expect(callReducer(s, { type: 'join' })).toBe(s);
  });

  it('keeps the guest in the call when a refresh is refused, and explains the later end by it', () => {
    const states = run([
      { type: 'join' },
      { type: 'page', page: 'call' },
      { type: 'tokenRefused', refusal: 'withdrawn' },
    ]);
    expect(last(states).kind).toBe('inCall');
    const ended = callReducer(last(states), { type: 'ended', code: 0, subCode: 0, noNetwork: true });
    expect(ended).toMatchObject({ kind: 'ended', message: { key: 'withdrawn' } });
  });

  it('replaces an end by a refused token with what the token route says about it', () => {
    const ended = last(run([{ type: 'join' }, { type: 'page', page: 'call' }, { type: 'ended', ...END.unauthorized }]));
    expect(ended).toMatchObject({ kind: 'ended', message: { canRejoin: true } });
    expect(callReducer(ended, { type: 'tokenRefused', refusal: 'withdrawn' })).toMatchObject({
      kind: 'ended',
      message: { key: 'withdrawn', canRejoin: false },
    });
  });

  it('rejoins from an end that allows it, as a new attempt', () => {
    const ended = last(run([{ type: 'join' }, { type: 'page', page: 'call' }, { type: 'ended', ...END.dropped }]));
    expect(ended).toMatchObject({ kind: 'ended', message: { key: 'dropped' } });
    expect(callReducer(ended, { type: 'join' })).toEqual({ kind: 'joining', attempt: 2 });
  });

  it('offers no Rejoin when the meeting ended for everyone', () => {
    const ended = last(
      run([{ type: 'join' }, { type: 'page', page: 'call' }, { type: 'ended', ...END.endedForEveryone }]),
    );
    expect(callReducer(ended, { type: 'join' })).toBe(ended);
  });

  it('turns a failed join into an end with a retry', () => {
    const s = last(run([{ type: 'join' }, { type: 'joinFailed', message: 'Check your connection.' }]));
    expect(s).toMatchObject({
      kind: 'ended',
      message: { key: 'joinFailed', detail: 'Check your connection.', canRejoin: true },
    });
  });

  it('ignores adapter pages and ends that arrive when no call is under way', () => {
    expect(callReducer(INITIAL_CALL_STATE, { type: 'page', page: 'call' })).toBe(INITIAL_CALL_STATE);
    expect(callReducer(INITIAL_CALL_STATE, { type: 'ended', ...END.removed })).toBe(INITIAL_CALL_STATE);
  });
});

describe('statusChange', () => {
  it('reports in_lobby, joined and left once each, as the guest moves', () => {
    const states = run([
      { type: 'join' },
      { type: 'page', page: 'lobby', waiting: false },
      { type: 'page', page: 'lobby', waiting: true },
      { type: 'page', page: 'lobby', waiting: true },
      { type: 'page', page: 'call' },
      { type: 'page', page: 'call' },
      { type: 'ended', ...END.left },
    ]);
    const reported = states.slice(1).map((s, i) => statusChange(states[i]!, s));
    expect(reported.filter(Boolean)).toEqual(['in_lobby', 'joined', 'left']);
  });

  it('reports nothing for a join refused before the call', () => {
    const states = run([{ type: 'join' }, { type: 'tokenRefused', refusal: 'expired' }]);
    expect(
      states
        .slice(1)
        .map((s, i) => statusChange(states[i]!, s))
        .filter(Boolean),
    ).toEqual([]);
  });
});
