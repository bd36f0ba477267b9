import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import { REACTION_BURST, type ServerMessage } from '../../lib/contracts/calling-protocol';
import { onReaction, noteHand, reactionRefusal, renumberHands, setCompliance, complianceOf } from './meeting-state';
import { type Call, type Member, addMember } from './registry';
import { FloodBucket, type Session } from './transport';

/** A session whose socket records what the service sends. */
function fakeSession(): Session<Member> & { sent: ServerMessage[] } {
  const sent: ServerMessage[] = [];
  const ws = { readyState: WebSocket.OPEN, send: (text: string) => sent.push(JSON.parse(text) as ServerMessage) };
  return {
    id: 1,
    ws: ws as unknown as WebSocket,
    joining: false,
    pending: [],
    ended: false,
    lastSeen: Date.now(),
    bucket: new FloodBucket(50, 200),
    sent,
  };
}

function newCall(): Call {
  return {
    callId: 'c',
    meetingId: 'm',
    subject: 's',
    threadId: 't',
    organizerId: 'o',
    startedAt: '',
    members: new Map(),
  };
}

function join(call: Call, name: string, state: 'Connected' | 'InLobby' = 'Connected') {
  const session = fakeSession();
  const member = addMember(call, session, {
    identity: `8:acs:r_${name}`,
    displayName: name,
    role: 'attendee',
    external: true,
    state,
    muted: false,
    cameraOn: false,
  });
  return { member, sent: session.sent };
}

function setHand(m: Member, raised: boolean) {
  const was = m.p.handRaised;
  m.p = { ...m.p, handRaised: raised };
  noteHand(m, was);
  return renumberHands(m.call);
}

describe('raised-hand queue', () => {
  it('numbers hands in the order they went up, and moves the others up when one goes down', () => {
    const call = newCall();
    const a = join(call, 'a').member;
    const b = join(call, 'b').member;
    const c = join(call, 'c').member;
    setHand(c, true);
    setHand(a, true);
    setHand(b, true);
    expect([c, a, b].map((m) => m.p.handOrder)).toEqual([1, 2, 3]);
    const moved = setHand(c, false);
    expect(c.p.handOrder).toBeUndefined();
    expect([a.p.handOrder, b.p.handOrder]).toEqual([1, 2]);
    expect(new Set(moved)).toEqual(new Set([a, b, c]));
    // Raising again goes to the back of the queue, not back to first place.
    setHand(c, true);
    expect(c.p.handOrder).toBe(3);
  });

  it('gives a lobby member no place until admitted, and drops a leaver from the queue', () => {
    const call = newCall();
    const a = join(call, 'a').member;
    const waiting = join(call, 'w', 'InLobby').member;
    setHand(waiting, true);
    setHand(a, true);
    expect(waiting.p.handOrder).toBeUndefined();
    expect(a.p.handOrder).toBe(1);
    call.members.delete(a.p.id);
    waiting.p = { ...waiting.p, state: 'Connected' };
    renumberHands(call);
    expect(waiting.p.handOrder).toBe(1);
  });
});

describe('reactions', () => {
  it('are refused in the lobby and when the meeting turned them off; an attendee may react', () => {
    expect(reactionRefusal({ p: { state: 'InLobby' } } as Member, true)).toBe('not_connected');
    expect(reactionRefusal({ p: { state: 'Connected' } } as Member, false)).toBe('not_allowed');
    expect(reactionRefusal({ p: { state: 'Connected', role: 'attendee' } } as Member, true)).toBeUndefined();
  });

  it('reach everyone Connected, the sender too, and never the lobby', () => {
    const call = newCall();
    const sender = join(call, 'sender');
    const peer = join(call, 'peer');
    const lobby = join(call, 'lobby', 'InLobby');
    onReaction(sender.member, 'heart', true);
    const frame = { type: 'reaction', from: sender.member.p.id, reaction: 'heart' };
    expect(peer.sent).toEqual([frame]);
    expect(sender.sent).toEqual([frame]);
    expect(lobby.sent).toEqual([]);

    onReaction(lobby.member, 'like', true);
    expect(lobby.sent).toEqual([expect.objectContaining({ type: 'error', code: 'not_connected' })]);
    expect(peer.sent).toHaveLength(1);
  });

  it('limits one person to a burst, then one a second', () => {
    const call = newCall();
    const sender = join(call, 'sender');
    const peer = join(call, 'peer');
    const t0 = 1_000_000;
    for (let i = 0; i < REACTION_BURST + 3; i++) onReaction(sender.member, 'applause', true, t0);
    expect(peer.sent).toHaveLength(REACTION_BURST);
    expect(sender.sent.filter((m) => m.type === 'error')).toEqual([
      expect.objectContaining({ code: 'rate_limited' }),
      expect.objectContaining({ code: 'rate_limited' }),
      expect.objectContaining({ code: 'rate_limited' }),
    ]);
    onReaction(sender.member, 'applause', true, t0 + 1_000);
    expect(peer.sent).toHaveLength(REACTION_BURST + 1);
    // Someone else's limit is their own.
    onReaction(peer.member, 'laugh', true, t0);
    expect(sender.sent.at(-1)).toEqual({ type: 'reaction', from: peer.member.p.id, reaction: 'laugh' });
  });
});

describe('recording and transcription', () => {
  it('tells everyone Connected once per change and keeps the state for later joiners', () => {
    const call = newCall();
    const inCall = join(call, 'in');
    const lobby = join(call, 'lobby', 'InLobby');
    expect(complianceOf(call)).toEqual({ recording: false, transcription: false });
    setCompliance(call, 'recording', true);
    setCompliance(call, 'recording', true);
    expect(inCall.sent).toEqual([{ type: 'compliance.updated', recording: true, transcription: false }]);
    expect(lobby.sent).toEqual([]);
    setCompliance(call, 'transcription', true);
    expect(complianceOf(call)).toEqual({ recording: true, transcription: true });
    setCompliance(call, 'recording', false);
    expect(inCall.sent.at(-1)).toEqual({ type: 'compliance.updated', recording: false, transcription: true });
    // A new call of the same meeting starts unrecorded.
    expect(complianceOf(newCall())).toEqual({ recording: false, transcription: false });
  });
});
