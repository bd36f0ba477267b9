import { describe, expect, it } from 'vitest';
import { HOST_PRESENCE_TTL_MS, hostConnected, inCallAtRevocation, inCallRemovalView } from './in-call';

describe('revoking a guest who is in the call', () => {
  it('asks for a removal only when the guest was last seen in the lobby or in the meeting', () => {
    expect(inCallAtRevocation('joined')).toBe(true);
    expect(inCallAtRevocation('in_lobby')).toBe(true);
    for (const status of ['invited', 'signed_in', 'left', 'revoked'] as const)
      expect(inCallAtRevocation(status)).toBe(false);
  });

  it('counts a host as connected only while a heartbeat is recent', () => {
    const now = new Date('2026-11-30T12:00:00.000Z');
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    expect(hostConnected([], now)).toBe(false);
    expect(hostConnected([ago(1_000)], now)).toBe(true);
    expect(hostConnected([ago(HOST_PRESENCE_TTL_MS + 1)], now)).toBe(false);
    // Any of several hosts (several app instances share the table) is enough.
    expect(hostConnected([ago(HOST_PRESENCE_TTL_MS + 1), ago(2_000)], now)).toBe(true);
  });

  it('says "removal requested" only while a host can carry it out, otherwise "remove them in Teams"', () => {
    expect(inCallRemovalView({ state: 'requested' }, true)).toBe('removal_requested');
    expect(inCallRemovalView({ state: 'requested' }, false)).toBe('remove_in_teams');
  });

  it('says "removed" only once a host confirmed it, and never for a guest who was already gone', () => {
    expect(inCallRemovalView({ state: 'removed' }, false)).toBe('removed');
    expect(inCallRemovalView({ state: 'removed' }, true)).toBe('removed');
    expect(inCallRemovalView({ state: 'not_in_call' }, true)).toBe('not_in_call');
    expect(inCallRemovalView(undefined, true)).toBeNull();
  });
});
