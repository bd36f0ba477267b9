import { describe, expect, it } from 'vitest';
import { END, type EndName } from '@/lib/contracts/calling-protocol';
import { END_MESSAGES, endMessage, endNameOf, tokenRefusalOf } from './end-messages';

describe('endMessage', () => {
  it('has a message for every way the calling service ends a call', () => {
    for (const name of Object.keys(END) as EndName[]) {
      expect(endMessage(END[name])).toBe(END_MESSAGES[endNameOf(END[name])!]);
      expect(endMessage(END[name]).key.length).toBeGreaterThan(0);
    }
  });

  it('tells the guest what happened, in words for each end', () => {
    expect(endMessage(END.deniedFromLobby).key).toBe('deniedFromLobby');
    expect(endMessage(END.removed).key).toBe('removed');
    expect(endMessage(END.endedForEveryone).key).toBe('endedForEveryone');
    expect(endMessage(END.lobbyTimeout).key).toBe('lobbyTimeout');
    expect(endMessage(END.dropped).key).toBe('dropped');
    expect(endMessage(END.left).key).toBe('left');
    expect(endMessage(END.invalidMeeting).key).toBe('cannotJoin');
  });

  it('offers Rejoin where joining again can work, not where it cannot', () => {
    expect(endMessage(END.left).canRejoin).toBe(true);
    expect(endMessage(END.dropped).canRejoin).toBe(true);
    expect(endMessage(END.endedForEveryone).canRejoin).toBe(false);
    expect(endMessage(END.invalidMeeting).canRejoin).toBe(false);
  });

  it('explains an end by a refused token before anything the socket saw', () => {
    const lost = { code: 0, subCode: 0, noNetwork: true };
    expect(endMessage(lost).key).toBe('dropped');
    expect(endMessage(lost, 'withdrawn')).toEqual({ key: 'withdrawn', canRejoin: false });
    expect(endMessage(END.left, 'expired').key).toBe('expired');
  });

  it('says "couldn’t get you in" for an organization refusing anonymous joins (403)', () => {
    expect(endMessage({ code: 403, subCode: 5221 }).key).toBe('cannotJoin');
    expect(endMessage({ code: 403, subCode: 5221 }).canRejoin).toBe(false);
  });

  it('falls back to a plain "the call ended" for codes it does not know', () => {
    expect(endMessage({ code: 487, subCode: 12345 })).toMatchObject({ key: 'unknown', canRejoin: true });
  });
});

describe('tokenRefusalOf', () => {
  it('reads the token route’s refusals', () => {
    expect(tokenRefusalOf(410, 'This invitation was withdrawn by the person who invited you.')).toBe('withdrawn');
    expect(tokenRefusalOf(410, 'This invitation has expired. Ask the person who invited you for a new one.')).toBe(
      'expired',
    );
    expect(tokenRefusalOf(401)).toBe('signedOut');
    expect(tokenRefusalOf(403)).toBe('signedOut');
  });

  it('does not treat a busy or failing server as a refusal', () => {
    expect(tokenRefusalOf(429)).toBeUndefined();
    expect(tokenRefusalOf(500)).toBeUndefined();
    expect(tokenRefusalOf(503)).toBeUndefined();
  });
});
