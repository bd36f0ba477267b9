/**
 * Raised hands, reactions and the recording notice in the local adapter's state, checked against
 * the shapes the UI Library's stateful client produces from the Calling SDK (RaiseHandSubscriber,
 * setReceivedReactionFromParticipant, RecordingSubscriber/TranscriptionSubscriber).
 */
import { describe, expect, it } from 'vitest';
import type { Participant } from '@/lib/contracts/calling-protocol';
import { REACTION_RESOURCES } from '../reaction-resources';
import { participant as aParticipant } from './participant.test-util';
import { initialState, reduce, type StateEvent } from './state';

const ME = '8:acs:res_00000000-0000-0000-0000-00000000000a';
const BEA = '8:acs:res_00000000-0000-0000-0000-00000000000b';
const CAL = '8:acs:res_00000000-0000-0000-0000-00000000000c';
const OFF = { recording: false, transcription: false };
const bea = (over: Partial<Participant> = {}) => aParticipant({ id: 'p-b', identity: BEA, ...over });
const cal = (over: Partial<Participant> = {}) => aParticipant({ id: 'p-c', identity: CAL, ...over });

function inCall(participants: Participant[], compliance = OFF) {
  const events: StateEvent[] = [
    { type: 'call.connecting', callId: 'p', muted: true, camera: undefined },
    { type: 'call.joined', callId: 'c1', state: 'Connected', role: 'attendee', participants, compliance },
  ];
  return events.reduce(reduce, initialState({ userId: ME, displayName: 'Me' }));
}

describe('raised hands', () => {
  it('shows each remote hand at the place the service gave it, and lists all hands in queue order', () => {
    let s = inCall([bea({ handRaised: true, handOrder: 2 }), cal({ handRaised: true, handOrder: 1 })]);
    expect(s.call!.remoteParticipants[BEA]!.raisedHand).toEqual({ raisedHandOrderPosition: 2 });
    expect(s.call!.remoteParticipants[CAL]!.raisedHand).toEqual({ raisedHandOrderPosition: 1 });
    expect(s.call!.raiseHand.raisedHands).toEqual([{ raisedHandOrderPosition: 1 }, { raisedHandOrderPosition: 2 }]);

    // Cal lowers: Bea moves up to first, as the service renumbers.
    s = reduce(s, { type: 'participant.upsert', participant: cal() });
    s = reduce(s, { type: 'participant.upsert', participant: bea({ handRaised: true, handOrder: 1 }) });
    expect(s.call!.remoteParticipants[CAL]!.raisedHand).toBeUndefined();
    expect(s.call!.remoteParticipants[BEA]!.raisedHand).toEqual({ raisedHandOrderPosition: 1 });
    expect(s.call!.raiseHand.raisedHands).toEqual([{ raisedHandOrderPosition: 1 }]);
  });

  it('puts our own hand behind the others until the service numbers it, then where it says', () => {
    let s = inCall([bea({ handRaised: true, handOrder: 1 })]);
    s = reduce(s, { type: 'local.handRaised', raised: true });
    expect(s.call!.raiseHand.localParticipantRaisedHand).toEqual({ raisedHandOrderPosition: 2 });
    expect(s.call!.raiseHand.raisedHands).toHaveLength(2);
    s = reduce(s, { type: 'participant.upsert', participant: bea() });
    s = reduce(s, { type: 'local.handRaised', raised: true, order: 1 });
    expect(s.call!.raiseHand.localParticipantRaisedHand).toEqual({ raisedHandOrderPosition: 1 });
    expect(s.call!.raiseHand.raisedHands).toEqual([{ raisedHandOrderPosition: 1 }]);
    s = reduce(s, { type: 'local.handRaised', raised: false });
    expect(s.call!.raiseHand.localParticipantRaisedHand).toBeUndefined();
    expect(s.call!.raiseHand.raisedHands).toEqual([]);
  });
});

describe('reactions', () => {
  it('sets a remote reactionState and our localParticipantReaction, and clears them', () => {
    const receivedOn = new Date(1_000);
    let s = inCall([bea()]);
    s = reduce(s, { type: 'reaction', key: BEA, reaction: 'heart', receivedOn });
    expect(s.call!.remoteParticipants[BEA]!.reactionState).toEqual({
      reactionMessage: { reactionType: 'heart' },
      receivedOn,
    });
    s = reduce(s, { type: 'reaction', key: ME, reaction: 'applause', receivedOn });
    expect(s.call!.localParticipantReaction?.reactionMessage.reactionType).toBe('applause');
    s = reduce(s, { type: 'reaction', key: BEA, reaction: null });
    s = reduce(s, { type: 'reaction', key: ME, reaction: null });
    expect(s.call!.remoteParticipants[BEA]!.reactionState).toBeUndefined();
    expect(s.call!.localParticipantReaction).toBeUndefined();
  });

  it('ignores a reaction from someone not in the call', () => {
    const s = inCall([bea()]);
    expect(reduce(s, { type: 'reaction', key: CAL, reaction: 'like' })).toBe(s);
  });

  it('gives the composite the reaction sprites it needs to show its reaction button', () => {
    expect(initialState({ userId: ME, displayName: 'Me' }).reactions).toBe(REACTION_RESOURCES);
  });
});

describe('recording and transcription', () => {
  it('carries the notice state from joining and from later updates', () => {
    let s = inCall([], { recording: true, transcription: false });
    expect(s.call!.recording.isRecordingActive).toBe(true);
    expect(s.call!.transcription.isTranscriptionActive).toBe(false);
    s = reduce(s, { type: 'call.compliance', compliance: { recording: false, transcription: true } });
    expect(s.call!.recording.isRecordingActive).toBe(false);
    expect(s.call!.transcription.isTranscriptionActive).toBe(true);
    expect(reduce(s, { type: 'call.compliance', compliance: { recording: false, transcription: true } })).toBe(s);
  });

  it('learns of a recording in progress when admitted from the lobby', () => {
    let s = initialState({ userId: ME, displayName: 'Me' });
    s = reduce(s, { type: 'call.connecting', callId: 'p', muted: true, camera: undefined });
    s = reduce(s, {
      type: 'call.joined',
      callId: 'c1',
      state: 'InLobby',
      role: 'attendee',
      participants: [],
      compliance: OFF,
    });
    s = reduce(s, {
      type: 'call.admitted',
      participants: [bea()],
      compliance: { recording: true, transcription: true },
    });
    expect(s.call!.recording.isRecordingActive).toBe(true);
    expect(s.call!.transcription.isTranscriptionActive).toBe(true);
  });
});
