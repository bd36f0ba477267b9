import type { CallKind } from '@azure/communication-calling';
import type { CallState } from '@azure/communication-react';
import { describe, expect, it } from 'vitest';
import type { Participant } from '@/lib/contracts/calling-protocol';
import { participant as aParticipant } from './participant.test-util';
import { CAMERA_STREAM_ID, SCREEN_STREAM_ID, initialState, newCall, pageFor, reduce, type StateEvent } from './state';

const ME = '8:acs:res_00000000-0000-0000-0000-00000000000a';
const BEA = '8:acs:res_00000000-0000-0000-0000-00000000000b';
const CAM = { id: 'cam1', name: 'Camera 1', deviceType: 'UsbCamera' as const };

const participant = (over: Partial<Participant> = {}) => aParticipant({ identity: BEA, ...over });
const NO_COMPLIANCE = { recording: false, transcription: false };

function run(...events: StateEvent[]) {
  return events.reduce(reduce, initialState({ userId: ME, displayName: 'Me' }));
}

function callIn(state: CallState['state']): CallState {
  return { ...newCall('c1', 'Call' as CallKind, false, undefined, 'Me'), state };
}

describe('pageFor (the composite page mapping)', () => {
  it.each([
    ['None', 'configuration'],
    ['Connecting', 'lobby'],
    ['Ringing', 'lobby'],
    ['EarlyMedia', 'lobby'],
    ['InLobby', 'lobby'],
    ['Connected', 'call'],
    ['RemoteHold', 'call'],
    ['LocalHold', 'hold'],
    ['Disconnecting', 'leaving'],
    ['Disconnected', 'configuration'],
  ] as const)('call state %s → %s', (state, page) => {
    expect(pageFor(callIn(state), undefined)).toBe(page);
  });

  it.each([
    [0, 0, 'leftCall'],
    [0, 5854, 'accessDeniedTeamsMeeting'],
    [0, 5000, 'removedFromCall'],
    [0, 5300, 'removedFromCall'],
    [0, 560000, 'removedFromCall'],
    [400, 5829, 'badRequest'],
    [404, 5751, 'leftCall'],
    [403, 5828, 'leftCall'],
    [503, 5001, 'leftCall'],
  ] as const)('ended with %i/%i → %s', (code, subCode, page) => {
    const ended: CallState = { ...callIn('Disconnected'), callEndReason: { code, subCode } };
    expect(pageFor(undefined, ended)).toBe(page);
  });

  it('an ongoing call wins over an earlier ended call', () => {
    const ended: CallState = { ...callIn('Disconnected'), callEndReason: { code: 0, subCode: 5854 } };
    expect(pageFor(callIn('Connected'), ended)).toBe('call');
  });

  it('no call and no ended call → configuration', () => {
    expect(pageFor(undefined, undefined)).toBe('configuration');
  });

  it('a network loss shows the no-network page', () => {
    const s = run(
      { type: 'call.connecting', callId: 'x', muted: true, camera: undefined },
      { type: 'call.ended', code: 0, subCode: 0, noNetwork: true },
    );
    expect(s.page).toBe('joinCallFailedDueToNoNetwork');
  });
});

describe('reduce', () => {
  it('drives configuration → lobby → call → leftCall and keeps every sub-object the selectors read', () => {
    let s = run();
    expect(s.page).toBe('configuration');
    s = reduce(s, { type: 'call.connecting', callId: 'pending', muted: false, camera: CAM });
    expect(s.page).toBe('lobby');
    expect(s.call?.state).toBe('Connecting');
    const call = s.call!;
    for (const key of [
      'transcription',
      'recording',
      'pptLive',
      'raiseHand',
      'togetherMode',
      'captionsFeature',
      'realTimeTextFeature',
      'optimalVideoCount',
      'diagnostics',
      'transfer',
    ] as const) {
      expect(call[key], key).toBeDefined();
    }
    expect(call.raiseHand.raisedHands).toEqual([]);
    expect(call.diagnostics.network.latest).toEqual({});
    expect(call.capabilitiesFeature).toBeUndefined();
    s = reduce(s, {
      type: 'call.joined',
      callId: 'c1',
      state: 'InLobby',
      role: 'attendee',
      participants: [],
      compliance: NO_COMPLIANCE,
    });
    expect(s.page).toBe('lobby');
    expect(s.call?.state).toBe('InLobby');
    expect(s.call?.id).toBe('c1');
    s = reduce(s, { type: 'call.admitted', participants: [participant()], compliance: NO_COMPLIANCE });
    expect(s.page).toBe('call');
    expect(Object.keys(s.call!.remoteParticipants)).toEqual([BEA]);
    expect(s.call!.remoteParticipants[BEA]!.identifier).toEqual({
      kind: 'communicationUser',
      communicationUserId: BEA,
    });
    s = reduce(s, { type: 'call.disconnecting' });
    expect(s.page).toBe('leaving');
    s = reduce(s, { type: 'call.ended', code: 0, subCode: 0 });
    expect(s.page).toBe('leftCall');
    expect(s.call).toBeUndefined();
    expect(s.endedCall?.callEndReason).toEqual({ code: 0, subCode: 0 });
    expect(s.endedCall?.state).toBe('Disconnected');
  });

  it.each([
    [0, 5854, 'accessDeniedTeamsMeeting'],
    [0, 5300, 'removedFromCall'],
    [0, 5000, 'removedFromCall'],
    [400, 5829, 'badRequest'],
  ] as const)('ended %i/%i from the lobby → %s', (code, subCode, page) => {
    const s = run(
      { type: 'call.connecting', callId: 'pending', muted: true, camera: undefined },
      {
        type: 'call.joined',
        callId: 'c1',
        state: 'InLobby',
        role: 'attendee',
        participants: [],
        compliance: NO_COMPLIANCE,
      },
      { type: 'call.ended', code, subCode },
    );
    expect(s.page).toBe(page);
  });

  it('maps remote camera and screen share to video streams and screenShareRemoteParticipant', () => {
    let s = run(
      { type: 'call.connecting', callId: 'p', muted: true, camera: undefined },
      {
        type: 'call.joined',
        callId: 'c1',
        state: 'Connected',
        role: 'attendee',
        participants: [participant({ cameraOn: true })],
        compliance: NO_COMPLIANCE,
      },
    );
    const streams = () => s.call!.remoteParticipants[BEA]!.videoStreams;
    expect(streams()[CAMERA_STREAM_ID]).toMatchObject({
      mediaStreamType: 'Video',
      isAvailable: false,
      isReceiving: false,
    });
    s = reduce(s, {
      type: 'participant.media',
      participant: participant({ cameraOn: true }),
      receiving: { camera: true, screen: false },
    });
    expect(streams()[CAMERA_STREAM_ID]).toMatchObject({ isAvailable: true, isReceiving: true });
    expect(streams()[SCREEN_STREAM_ID]).toMatchObject({ mediaStreamType: 'ScreenSharing', isAvailable: false });
    // Screen sharing announced, but its track has not arrived: the camera's receiving must not count.
    s = reduce(s, { type: 'participant.upsert', participant: participant({ cameraOn: true, screenSharing: true }) });
    expect(streams()[SCREEN_STREAM_ID]).toMatchObject({ isAvailable: false, isReceiving: false });
    s = reduce(s, {
      type: 'participant.media',
      participant: participant({ cameraOn: true, screenSharing: true }),
      receiving: { camera: true, screen: true },
    });
    expect(streams()[SCREEN_STREAM_ID]!.isAvailable).toBe(true);
    expect(s.call!.screenShareRemoteParticipant).toBe(BEA);
    s = reduce(s, {
      type: 'participant.upsert',
      participant: participant({ cameraOn: true, screenSharing: false, muted: true, handRaised: true, handOrder: 1 }),
    });
    expect(s.call!.screenShareRemoteParticipant).toBeUndefined();
    expect(s.call!.remoteParticipants[BEA]!.isMuted).toBe(true);
    expect(s.call!.raiseHand.raisedHands).toEqual([{ raisedHandOrderPosition: 1 }]);
    s = reduce(s, { type: 'participant.left', identity: BEA, reason: 'left' });
    expect(s.call!.remoteParticipants[BEA]).toBeUndefined();
    expect(s.call!.remoteParticipantsEnded[BEA]!.state).toBe('Disconnected');
  });

  it('local camera, preview and screen share set cameraStatus and localVideoStreams', () => {
    let s = run({ type: 'preview.started', camera: CAM });
    expect(s.cameraStatus).toBe('On');
    expect(s.devices.unparentedViews).toHaveLength(1);
    s = reduce(s, { type: 'preview.stopped' });
    expect(s.cameraStatus).toBe('Off');
    s = reduce(s, { type: 'call.connecting', callId: 'p', muted: true, camera: CAM });
    expect(s.call!.localVideoStreams).toEqual([{ source: CAM, mediaStreamType: 'Video' }]);
    expect(s.cameraStatus).toBe('On');
    s = reduce(s, { type: 'local.screen', on: true });
    expect(s.call!.isScreenSharingOn).toBe(true);
    expect(s.call!.localVideoStreams.map((v) => v.mediaStreamType)).toEqual(['Video', 'ScreenSharing']);
    s = reduce(s, { type: 'local.camera', camera: undefined });
    expect(s.cameraStatus).toBe('Off');
    expect(s.call!.localVideoStreams.map((v) => v.mediaStreamType)).toEqual(['ScreenSharing']);
  });
});

describe('immutability', () => {
  const base = () =>
    run(
      { type: 'devices.list', cameras: [CAM], microphones: [], speakers: [], isSpeakerSelectionAvailable: false },
      { type: 'call.connecting', callId: 'p', muted: false, camera: undefined },
      {
        type: 'call.joined',
        callId: 'c1',
        state: 'Connected',
        role: 'attendee',
        participants: [participant(), participant({ id: 'p-c', identity: '8:acs:res_c', displayName: 'Cy' })],
        compliance: NO_COMPLIANCE,
      },
    );

  it('returns the same object when nothing changed', () => {
    const s = base();
    expect(reduce(s, { type: 'participant.upsert', participant: participant() })).toBe(s);
    expect(reduce(s, { type: 'local.muted', muted: false })).toBe(s);
    expect(
      reduce(s, {
        type: 'devices.list',
        cameras: [{ ...CAM }],
        microphones: [],
        speakers: [],
        isSpeakerSelectionAvailable: false,
      }),
    ).toBe(s);
  });

  it('gives new identities along the changed path only', () => {
    const s = base();
    const next = reduce(s, { type: 'participant.upsert', participant: participant({ muted: true }) });
    expect(next).not.toBe(s);
    expect(next.call).not.toBe(s.call);
    expect(next.call!.remoteParticipants).not.toBe(s.call!.remoteParticipants);
    expect(next.call!.remoteParticipants[BEA]).not.toBe(s.call!.remoteParticipants[BEA]);
    // untouched siblings keep their identity
    expect(next.call!.remoteParticipants['8:acs:res_c']).toBe(s.call!.remoteParticipants['8:acs:res_c']);
    expect(next.call!.remoteParticipants[BEA]!.videoStreams).toBe(s.call!.remoteParticipants[BEA]!.videoStreams);
    expect(next.devices).toBe(s.devices);
    expect(next.call!.diagnostics).toBe(s.call!.diagnostics);
    expect(next.call!.localVideoStreams).toBe(s.call!.localVideoStreams);
    // the previous state was not mutated
    expect(s.call!.remoteParticipants[BEA]!.isMuted).toBe(false);
  });

  it('a view target change replaces only that stream', () => {
    const s = reduce(base(), {
      type: 'participant.media',
      participant: participant(),
      receiving: { camera: true, screen: false },
    });
    const target = new (class FakeElement {})() as unknown as HTMLElement; // like a DOM node: not a plain object, so immer leaves it alone
    const next = reduce(s, {
      type: 'remote.view',
      identity: BEA,
      streamId: CAMERA_STREAM_ID,
      view: { target, scalingMode: 'Crop', isMirrored: false },
    });
    const before = s.call!.remoteParticipants[BEA]!.videoStreams;
    const after = next.call!.remoteParticipants[BEA]!.videoStreams;
    expect(after[CAMERA_STREAM_ID]).not.toBe(before[CAMERA_STREAM_ID]);
    expect(after[SCREEN_STREAM_ID]).toBe(before[SCREEN_STREAM_ID]);
    expect(after[CAMERA_STREAM_ID]!.view!.target).toBe(target);
    expect(
      reduce(next, {
        type: 'remote.view',
        identity: BEA,
        streamId: CAMERA_STREAM_ID,
        view: { target, scalingMode: 'Crop', isMirrored: false },
      }),
    ).toBe(next);
  });

  it('freezes state so accidental mutation throws', () => {
    const s = base();
    expect(() => {
      (s.call as { isMuted: boolean }).isMuted = true;
    }).toThrow();
  });
});
