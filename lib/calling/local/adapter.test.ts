import type { CallAdapter, CallAdapterState } from '@azure/communication-react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalCallAdapter } from './adapter';
import type { AudioSinkFactory } from './audio';
import { socketFactory } from './fake-socket.test-util';
import { LocalMedia, type DeviceLists } from './media';
import type { Participant } from '@/lib/contracts/calling-protocol';
import { participant as aParticipant } from './participant.test-util';
import type { RenderedView, ViewFactory } from './views';

const ME = '8:acs:res_a';
const BEA = '8:acs:res_b';

function fakeTrack(kind: 'audio' | 'video'): MediaStreamTrack {
  return { kind, enabled: true, readyState: 'live', stop() {}, addEventListener() {} } as unknown as MediaStreamTrack;
}

/** Local devices without a browser. */
class FakeMedia extends LocalMedia {
  micTrack: MediaStreamTrack | undefined;
  camTrack: MediaStreamTrack | undefined;
  scrTrack: MediaStreamTrack | undefined;
  /** When set, getUserMedia "takes a while": startMicrophone/startCamera wait for it. */
  micGate: Promise<void> | undefined;
  camGate: Promise<void> | undefined;
  /** getUserMedia for the microphone is refused (no microphone, or access denied). */
  micRefused = false;
  detectorStarts = 0;
  detectorRunning = false;
  constructor() {
    super(undefined);
  }
  override get microphoneTrack() {
    return this.micTrack;
  }
  override get cameraTrack() {
    return this.camTrack;
  }
  override askPermission() {
    return Promise.resolve({ audio: true, video: true });
  }
  override enumerate(): Promise<DeviceLists> {
    return Promise.resolve({
      cameras: [{ id: 'cam1', name: 'Camera', deviceType: 'UsbCamera' }],
      microphones: [{ id: 'default', name: 'Mic', isSystemDefault: true, deviceType: 'Microphone' }],
      speakers: [],
    });
  }
  override async startMicrophone(_id: string | undefined, enabled: boolean) {
    if (this.micGate) await this.micGate;
    if (this.micRefused) throw new DOMException('Permission denied', 'NotAllowedError');
    this.micTrack ??= fakeTrack('audio');
    this.micTrack.enabled = enabled;
    return this.micTrack;
  }
  override setMicrophoneEnabled(enabled: boolean) {
    if (this.micTrack) this.micTrack.enabled = enabled;
  }
  override stopMicrophone() {
    this.detectorRunning = false;
    this.micTrack = undefined;
  }
  override async startCamera() {
    if (this.camGate) await this.camGate;
    this.camTrack ??= fakeTrack('video');
    return this.camTrack;
  }
  override stopCamera() {
    this.camTrack = undefined;
  }
  override get screenTrack() {
    return this.scrTrack;
  }
  override startScreen() {
    this.scrTrack ??= fakeTrack('video');
    return Promise.resolve(this.scrTrack);
  }
  override stopScreen() {
    this.scrTrack = undefined;
  }
  override startSpeakingDetector() {
    this.detectorStarts += 1;
    this.detectorRunning = true;
  }
}

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

function fakeViews() {
  const created: { target: HTMLElement; disposed: boolean }[] = [];
  const factory: ViewFactory = (_stream, options) => {
    const entry = { target: new (class FakeElement {})() as unknown as HTMLElement, disposed: false, options };
    created.push(entry);
    const view: RenderedView = {
      target: entry.target,
      setStream() {},
      setScalingMode() {},
      dispose: () => void (entry.disposed = true),
    };
    return view;
  };
  return { created, factory };
}

/** Remote audio elements: `play()` obeys `autoplayAllowed`, as a browser's autoplay policy does. */
function fakeAudio() {
  const state = { autoplayAllowed: true, playing: new Set<string>() };
  const factory: AudioSinkFactory = (peerId) => ({
    setStream() {},
    play: () => {
      if (!state.autoplayAllowed)
        return Promise.reject(new DOMException('play() failed because the user did not interact', 'NotAllowedError'));
      state.playing.add(peerId);
      return Promise.resolve();
    },
    setSinkId: () => Promise.resolve(),
    dispose: () => void state.playing.delete(peerId),
  });
  return Object.assign(state, { factory });
}

function fakePeerConnection() {
  const pcs: Record<string, unknown>[] = [];
  const create = () => {
    const pc: Record<string, unknown> = {
      connectionState: 'new',
      signalingState: 'stable',
      setLocalDescription: vi.fn((d?: { type: string }) => {
        if (d?.type === 'rollback') pc.signalingState = 'stable';
        return Promise.resolve();
      }),
      addTransceiver: vi.fn(),
      getTransceivers: () => [],
      close: vi.fn(),
      restartIce: vi.fn(),
    };
    pcs.push(pc);
    return pc as unknown as RTCPeerConnection;
  };
  return { pcs, create };
}

const participant = (over: Partial<Participant> = {}) =>
  aParticipant({ identity: BEA, role: 'organizer', external: false, ...over });

function joined(
  state: 'InLobby' | 'Connected',
  participants: Participant[] = [],
  role: Participant['role'] = 'attendee',
  external = true,
  resumed = false,
) {
  return {
    type: 'joined',
    callId: 'call-1',
    self: { ...participant({ id: 'p-a', identity: ME, displayName: 'Ann', role, external }), state },
    resumeKey: 'resume-key-0123456789',
    resumed,
    meeting: { subject: 'Standup' },
    participants,
    lobby: [],
    compliance: { recording: false, transcription: false },
  };
}

function setup(extra: { pageEvents?: EventTarget } = {}) {
  const sockets = socketFactory();
  const audio = fakeAudio();
  const views = fakeViews();
  const pcs = fakePeerConnection();
  const media = new FakeMedia();
  const adapter = new LocalCallAdapter({
    callingUrl: 'ws://calling.test/calling',
    userId: ME,
    displayName: 'Ann',
    meeting: { joinUrl: 'https://teams.microsoft.com/meet/123?p=abc' },
    getToken: () => Promise.resolve('token'),
    createSocket: sockets.create,
    media,
    viewFactory: views.factory,
    audioSinkFactory: audio.factory,
    createPeerConnection: pcs.create,
    createMediaStream: (tracks) => ({ tracks }) as unknown as MediaStream,
    signalling: { backoffInitialMs: 100, random: () => 1 },
    pageEvents: extra.pageEvents ?? null,
  });
  const pages: string[] = [];
  const ended: unknown[] = [];
  adapter.onStateChange((s: CallAdapterState) => {
    if (pages[pages.length - 1] !== s.page) pages.push(s.page);
  });
  adapter.on('callEnded', (e) => ended.push(e));
  return { adapter, sockets, views, pcs, media, audio, pages, ended };
}

async function joinAndOpen(t: ReturnType<typeof setup>) {
  t.adapter.joinCall({ microphoneOn: 'keep', cameraOn: 'keep' });
  await vi.advanceTimersByTimeAsync(0);
  t.sockets.last().open();
  await vi.advanceTimersByTimeAsync(0);
}

/** Drops the socket (network) and lets the client reconnect; returns the new socket, open. */
async function dropAndReopen(t: ReturnType<typeof setup>) {
  t.sockets.last().drop(1006);
  await vi.advanceTimersByTimeAsync(100);
  t.sockets.last().open();
  await vi.advanceTimersByTimeAsync(0);
  return t.sockets.last();
}

type FakePc = {
  signalingState: string;
  restartIce: ReturnType<typeof vi.fn>;
  setLocalDescription: ReturnType<typeof vi.fn>;
  ontrack: (e: unknown) => void;
  close: ReturnType<typeof vi.fn>;
};

describe('LocalCallAdapter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('join → lobby (InLobby) → admitted → call → leave → leftCall', async () => {
    const t = setup();
    expect(t.adapter.getState().page).toBe('configuration');
    await joinAndOpen(t);
    expect(t.adapter.getState().call?.state).toBe('Connecting');
    expect(t.sockets.last().sentOfType('join')[0]).toMatchObject({
      token: 'token',
      meeting: { joinUrl: 'https://teams.microsoft.com/meet/123?p=abc' },
      displayName: 'Ann',
    });
    t.sockets.last().receive(joined('InLobby'));
    expect(t.adapter.getState().call?.state).toBe('InLobby');
    expect(t.adapter.getState().page).toBe('lobby');
    t.sockets.last().receive({
      type: 'admitted',
      self: { ...participant({ id: 'p-a', identity: ME }), state: 'Connected' },
      participants: [participant()],
      compliance: { recording: false, transcription: false },
    });
    expect(t.adapter.getState().page).toBe('call');
    expect(Object.keys(t.adapter.getState().call!.remoteParticipants)).toEqual([BEA]);
    expect(t.pcs.pcs).toHaveLength(1);
    await t.adapter.leaveCall();
    expect(t.adapter.getState().page).toBe('leftCall');
    expect(t.sockets.last().sentOfType('leave')).toHaveLength(1);
    expect(t.pages).toEqual(['lobby', 'call', 'leaving', 'leftCall']);
    expect(t.ended).toEqual([{ callId: 'call-1', code: 0, subCode: 0 }]);
    expect(t.pcs.pcs[0]!.close).toHaveBeenCalled();
    // Rejoin works from the end page
    t.adapter.joinCall();
    expect(t.adapter.getState().page).toBe('lobby');
    t.adapter.dispose();
  });

  it.each([
    [{ code: 0, subCode: 5854, reason: 'denied' }, 'accessDeniedTeamsMeeting'],
    [{ code: 0, subCode: 5300, reason: 'removed' }, 'removedFromCall'],
    [{ code: 400, subCode: 5829, reason: 'Teams for home' }, 'badRequest'],
  ])('ended %o → %s, and callEnded is emitted once', async (end, page) => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined(end.subCode === 5300 ? 'Connected' : 'InLobby'));
    t.sockets.last().receive({ type: 'ended', ...end });
    t.sockets.last().drop(1000);
    expect(t.adapter.getState().page).toBe(page);
    expect(t.ended).toEqual([{ callId: 'call-1', code: end.code, subCode: end.subCode }]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.sockets.sockets).toHaveLength(1);
    t.adapter.dispose();
  });

  it('mute/unmute toggles the track and tells the others', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected'));
    const muted: boolean[] = [];
    const typed: CallAdapter = t.adapter;
    typed.on('isMutedChanged', (e) => muted.push(e.isMuted));
    await t.adapter.mute();
    expect(t.adapter.getState().call!.isMuted).toBe(true);
    expect(t.media.micTrack!.enabled).toBe(false);
    await t.adapter.unmute();
    expect(t.adapter.getState().call!.isMuted).toBe(false);
    expect(t.media.micTrack!.enabled).toBe(true);
    expect(muted).toEqual([true, false]);
    expect(t.sockets.last().sentOfType('state').slice(-2)).toEqual([
      { type: 'state', muted: true },
      { type: 'state', muted: false },
    ]);
    t.adapter.dispose();
  });

  it('creates stream views idempotently and removes them from state on dispose', async () => {
    const t = setup();
    await t.adapter.askDevicePermission({ audio: true, video: true });
    await t.adapter.startCamera();
    // preview on the configuration page
    const preview = t.adapter.getState().devices.unparentedViews[0]?.view?.target;
    expect(preview).toBeDefined();
    await t.adapter.createStreamView();
    expect(t.views.created).toHaveLength(1);
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant({ cameraOn: true })]));
    expect(t.adapter.getState().devices.unparentedViews).toEqual([]);
    expect(t.views.created[0]!.disposed).toBe(true);
    // local camera view in the call: create twice → one target
    await t.adapter.createStreamView();
    await t.adapter.createStreamView();
    const local = t.adapter.getState().call!.localVideoStreams.find((s) => s.mediaStreamType === 'Video')!;
    expect(local.view?.target).toBe(t.views.created[1]!.target);
    expect(t.views.created).toHaveLength(2);
    // remote camera: available once its track arrives
    const pc = t.pcs.pcs[0]! as { ontrack: (e: unknown) => void };
    pc.ontrack({ track: { ...fakeTrack('video'), onended: null }, transceiver: { mid: '1' } });
    const remote = () => t.adapter.getState().call!.remoteParticipants[BEA]!.videoStreams[1]!;
    expect(remote().isAvailable).toBe(true);
    await t.adapter.createStreamView(BEA);
    await t.adapter.createStreamView(BEA);
    expect(t.views.created).toHaveLength(3);
    expect(remote().view?.target).toBe(t.views.created[2]!.target);
    await t.adapter.disposeRemoteVideoStreamView(BEA);
    expect(remote().view).toBeUndefined();
    expect(t.views.created[2]!.disposed).toBe(true);
    await t.adapter.disposeLocalVideoStreamView();
    expect(
      t.adapter.getState().call!.localVideoStreams.find((s) => s.mediaStreamType === 'Video')!.view,
    ).toBeUndefined();
    expect(t.views.created[1]!.disposed).toBe(true);
    t.adapter.dispose();
  });

  it('does not make an external presenter a host: guests may present but never admit', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [], 'presenter', true));
    expect(t.adapter.getExtras()).toMatchObject({ role: 'presenter', isHost: false });
    t.adapter.dispose();
  });

  it('shows hosts the lobby and sends admit / deny', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [], 'organizer', false));
    expect(t.adapter.getExtras().isHost).toBe(true);
    t.sockets.last().receive({
      type: 'lobby.updated',
      lobby: [
        participant({
          id: 'p-g',
          identity: '8:acs:res_g',
          displayName: 'Guest',
          role: 'attendee',
          external: true,
          state: 'InLobby',
        }),
      ],
    });
    expect(t.adapter.getExtras().lobby).toEqual([
      { id: 'p-g', identity: '8:acs:res_g', displayName: 'Guest', external: true },
    ]);
    t.adapter.admit('all');
    t.adapter.reject('p-g');
    expect(t.sockets.last().sentOfType('lobby.admit')).toEqual([{ type: 'lobby.admit', participantIds: 'all' }]);
    expect(t.sockets.last().sentOfType('lobby.reject')).toEqual([{ type: 'lobby.reject', participantId: 'p-g' }]);
    t.adapter.dispose();
  });

  it('rejoins afresh after the emulator restarts (1012) and says so', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant()]));
    t.sockets.last().drop(1012);
    expect(t.adapter.getExtras().notice?.message).toMatch(/restarted/);
    expect(t.adapter.getState().call!.remoteParticipants).toEqual({});
    expect(t.adapter.getState().page).toBe('call');
    await vi.advanceTimersByTimeAsync(100);
    t.sockets.last().open();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sockets.last().sentOfType('join')[0]).not.toHaveProperty('resume');
    t.sockets.last().receive({ ...joined('Connected', [participant({ id: 'p-b2' })]), callId: 'call-2' });
    expect(t.adapter.getState().page).toBe('call');
    expect(Object.keys(t.adapter.getState().call!.remoteParticipants)).toEqual([BEA]);
    expect(t.adapter.getExtras().notice?.message).toMatch(/restarted; you have rejoined/);
    t.adapter.dispose();
  });

  it('renegotiates after a resume and when a peer comes back from reconnecting (lost offers/candidates)', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant()]));
    const pc = t.pcs.pcs[0] as unknown as FakePc;
    // Our offer went out just before the drop and its answer never came.
    pc.signalingState = 'have-local-offer';
    const socket = await dropAndReopen(t);
    expect(socket.sentOfType('join')[0]).toMatchObject({ resume: { participantId: 'p-a' } });
    socket.receive(joined('Connected', [participant()], 'attendee', true, true));
    await vi.advanceTimersByTimeAsync(0);
    expect(pc.setLocalDescription).toHaveBeenCalledWith({ type: 'rollback' });
    expect(pc.restartIce).toHaveBeenCalledTimes(1);
    expect(t.pcs.pcs).toHaveLength(1);
    // The peer's socket drops and comes back: restart with that peer only.
    socket.receive({ type: 'participant.updated', participant: participant({ reconnecting: true }) });
    await vi.advanceTimersByTimeAsync(0);
    expect(pc.restartIce).toHaveBeenCalledTimes(1);
    socket.receive({ type: 'participant.updated', participant: participant({ reconnecting: false }) });
    await vi.advanceTimersByTimeAsync(0);
    expect(pc.restartIce).toHaveBeenCalledTimes(2);
    t.adapter.dispose();
  });

  it('a reloaded peer (new id, same identity) keeps its tile and video when the old id is dropped', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant({ cameraOn: true })]));
    t.sockets
      .last()
      .receive({ type: 'participant.updated', participant: participant({ cameraOn: true, reconnecting: true }) });
    t.sockets.last().receive({ type: 'participant.joined', participant: participant({ id: 'p-b2', cameraOn: true }) });
    const fresh = t.pcs.pcs[1] as unknown as FakePc;
    fresh.ontrack({ track: { ...fakeTrack('video'), onended: null }, transceiver: { mid: '1' } });
    const bea = () => t.adapter.getState().call!.remoteParticipants[BEA];
    expect(bea()!.videoStreams[1]!.isAvailable).toBe(true);
    await t.adapter.createStreamView(BEA);
    const target = bea()!.videoStreams[1]!.view?.target;
    expect(target).toBeDefined();
    // A late update for the stale id must not overwrite the live one.
    t.sockets
      .last()
      .receive({ type: 'participant.updated', participant: participant({ cameraOn: false, reconnecting: true }) });
    expect(bea()!.videoStreams[1]!.isAvailable).toBe(true);
    // The old id's grace runs out.
    t.sockets.last().receive({ type: 'participant.left', participantId: 'p-b', reason: 'dropped' });
    expect(bea()).toBeDefined();
    expect(bea()!.videoStreams[1]).toMatchObject({ isAvailable: true });
    expect(bea()!.videoStreams[1]!.view?.target).toBe(target);
    expect((t.pcs.pcs[0] as unknown as FakePc).close).toHaveBeenCalled();
    expect(fresh.close).not.toHaveBeenCalled();
    t.adapter.dispose();
  });

  it('sends leave on pagehide (reload, closed tab)', async () => {
    const page = new EventTarget();
    const t = setup({ pageEvents: page });
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant()]));
    const socket = t.sockets.last();
    page.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.sentOfType('leave')).toHaveLength(1);
    expect(t.adapter.getState().page).toBe('leftCall');
    t.adapter.dispose();
  });

  it('muting or turning the camera off while devices are starting is applied once they start', async () => {
    const t = setup();
    await t.adapter.queryCameras();
    const mic = gate();
    const cam = gate();
    t.media.micGate = mic.promise;
    t.media.camGate = cam.promise;
    t.adapter.joinCall({ microphoneOn: true, cameraOn: true });
    await t.adapter.mute();
    await t.adapter.stopCamera();
    expect(t.adapter.getState().call!.isMuted).toBe(true);
    mic.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.media.micTrack!.enabled).toBe(false);
    cam.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.media.camTrack).toBeUndefined();
    t.sockets.last().open();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sockets.last().sentOfType('join')[0]).toMatchObject({ state: { muted: true, cameraOn: false } });
    t.adapter.dispose();
  });

  it('leaving during "Joining call…" releases the microphone and camera when they arrive', async () => {
    const t = setup();
    await t.adapter.queryCameras();
    const mic = gate();
    t.media.micGate = mic.promise;
    t.adapter.joinCall({ microphoneOn: true, cameraOn: true });
    await t.adapter.leaveCall();
    expect(t.adapter.getState().page).toBe('leftCall');
    mic.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.media.micTrack).toBeUndefined();
    expect(t.media.detectorStarts).toBe(0);
    expect(t.sockets.sockets).toHaveLength(0);
    // Same for the camera, which starts after the microphone.
    const cam = gate();
    t.media.micGate = undefined;
    t.media.camGate = cam.promise;
    t.adapter.joinCall({ microphoneOn: true, cameraOn: true });
    await vi.advanceTimersByTimeAsync(0);
    await t.adapter.leaveCall();
    cam.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.media.camTrack).toBeUndefined();
    expect(t.media.micTrack).toBeUndefined();
    expect(t.media.detectorRunning).toBe(false);
    expect(t.sockets.sockets).toHaveLength(0);
    t.adapter.dispose();
  });

  it('takes the admitted path when admitted while the socket was down (resumed joined says Connected)', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('InLobby'));
    expect(t.adapter.getState().page).toBe('lobby');
    const socket = await dropAndReopen(t);
    socket.receive(joined('Connected', [participant()], 'attendee', true, true));
    expect(t.adapter.getState().call!.state).toBe('Connected');
    expect(t.adapter.getState().page).toBe('call');
    expect(Object.keys(t.adapter.getState().call!.remoteParticipants)).toEqual([BEA]);
    expect(t.pcs.pcs).toHaveLength(1);
    // The admitted path re-sends full state on this socket (peers now see us).
    expect(socket.sentOfType('state')).toEqual([expect.objectContaining({ type: 'state', screenSharing: false })]);
    expect(t.adapter.getExtras().connection).toBe('connected');
    t.adapter.dispose();
  });

  it('host actions while reconnecting or after the call report failure instead of throwing or vanishing', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant({ role: 'attendee' })], 'organizer', false));
    expect(t.adapter.admit('all')).toBe(true);
    t.sockets.last().drop(1006);
    expect(t.adapter.getExtras().connection).toBe('reconnecting');
    expect(t.adapter.admit(['p-g'])).toBe(false);
    expect(t.adapter.getExtras().notice).toMatchObject({
      kind: 'warning',
      message: expect.stringMatching(/not connected/),
    });
    expect(t.adapter.reject('p-g')).toBe(false);
    await expect(t.adapter.removeParticipant(BEA)).rejects.toThrow(/Not connected/);
    await t.adapter.leaveCall();
    expect(() => t.adapter.admit('all')).not.toThrow();
    expect(t.adapter.admit('all')).toBe(false);
    t.adapter.dispose();
  });

  it('keeps my screen share when someone else starts; stops only when the service says so', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant()], 'presenter', true));
    await t.adapter.startScreenShare();
    expect(t.adapter.getState().call!.isScreenSharingOn).toBe(true);
    t.sockets.last().receive({ type: 'participant.updated', participant: participant({ screenSharing: true }) });
    expect(t.adapter.getState().call!.isScreenSharingOn).toBe(true);
    t.sockets.last().receive({
      type: 'participant.updated',
      participant: {
        ...participant({ id: 'p-a', identity: ME, role: 'presenter', external: true }),
        screenSharing: false,
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.adapter.getState().call!.isScreenSharingOn).toBe(false);
    t.adapter.dispose();
  });

  it('does not let an attendee start a screen share', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant()], 'attendee', true));
    await expect(t.adapter.startScreenShare()).rejects.toThrow(/Only presenters/);
    expect(t.media.scrTrack).toBeUndefined();
    t.adapter.dispose();
  });

  it('stops the screen share on a 1012 rejoin and re-sends full state when admitted from the lobby', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant()], 'presenter', true));
    await t.adapter.startScreenShare();
    t.sockets.last().drop(1012);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.adapter.getState().call!.isScreenSharingOn).toBe(false);
    expect(t.media.scrTrack).toBeUndefined();
    await vi.advanceTimersByTimeAsync(100);
    const socket = t.sockets.last();
    socket.open();
    await vi.advanceTimersByTimeAsync(0);
    socket.receive({ ...joined('InLobby', [], 'presenter', true), callId: 'call-2' });
    const before = socket.sentOfType('state').length;
    socket.receive({
      type: 'admitted',
      self: { ...participant({ id: 'p-a', identity: ME, role: 'presenter', external: true }) },
      participants: [participant({ id: 'p-b2' })],
      compliance: { recording: false, transcription: false },
    });
    const states = socket.sentOfType('state');
    expect(states.length).toBe(before + 1);
    expect(states[states.length - 1]).toMatchObject({ screenSharing: false, muted: expect.any(Boolean) });
    t.adapter.dispose();
  });

  it('rejects what the local cloud cannot do with a clear error', async () => {
    const t = setup();
    await expect(t.adapter.startCaptions()).rejects.toThrow(/not available in local mode/);
    await expect(t.adapter.holdCall()).rejects.toMatchObject({ target: 'Call.hold' });
    await expect(t.adapter.forbidOthersVideo()).rejects.toMatchObject({ target: 'Call.media access control' });
    expect(() => t.adapter.startCall(['8:acs:x'])).toThrow(/not available in local mode/);
    expect(t.adapter.setTogetherModeSceneSize(640, 480)).toBeUndefined();
    t.adapter.dispose();
  });

  it('joins muted, as a listener, when the microphone is refused; the problem is reported, not thrown', async () => {
    const t = setup();
    t.media.micRefused = true;
    await joinAndOpen(t);
    expect(t.sockets.last().sentOfType('join')[0]).toMatchObject({ state: { muted: true } });
    t.sockets.last().receive(joined('Connected', [participant()]));
    expect(t.adapter.getState().page).toBe('call');
    expect(t.adapter.getState().call!.isMuted).toBe(true);
    expect(t.adapter.getState().latestErrors['Call.join' as never]).toMatchObject({
      message: expect.stringMatching(/joining muted/),
    });
    t.adapter.dispose();
  });

  it('has the state Azure gives an ACS user in a Teams meeting: not a Teams call, call kind Call', async () => {
    const t = setup();
    expect(t.adapter.getState()).toMatchObject({ isTeamsCall: false, isTeamsMeeting: true, isRoomsCall: false });
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected'));
    expect(t.adapter.getState().call?.kind).toBe('Call');
    t.adapter.dispose();
  });

  it('staff with a Teams identity hold a TeamsCall, still not a "Teams call"', () => {
    const staff = new LocalCallAdapter({
      callingUrl: 'ws://calling.test/calling',
      userId: '8:orgid:6e2f6b5a-3c1d-4f0e-9a1b-2c3d4e5f6a01',
      displayName: 'Adele',
      meeting: { joinUrl: 'https://teams.microsoft.com/meet/123?p=abc' },
      getToken: () => Promise.resolve('token'),
      createSocket: socketFactory().create,
      media: new FakeMedia(),
      pageEvents: null,
    });
    staff.joinCall();
    expect(staff.getState().isTeamsCall).toBe(false);
    expect(staff.getState().call?.kind).toBe('TeamsCall');
    staff.dispose();
  });

  it('leaveCall(true) asks the service to end the meeting for everyone; a plain leave does not', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant()], 'organizer', false));
    const socket = t.sockets.last();
    await t.adapter.leaveCall(true);
    expect(socket.sentOfType('leave')).toEqual([{ type: 'leave', forEveryone: true }]);
    expect(t.adapter.getState().page).toBe('leftCall');
    t.adapter.joinCall();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets.last().open();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets.last().receive(joined('Connected', [participant()], 'organizer', false));
    await t.adapter.leaveCall();
    expect(t.sockets.last().sentOfType('leave')).toEqual([{ type: 'leave', forEveryone: false }]);
    t.adapter.dispose();
  });

  it('remote audio refused by the autoplay policy raises the prompt; resuming plays it and clears the prompt', async () => {
    const t = setup();
    t.audio.autoplayAllowed = false;
    const extras: boolean[] = [];
    t.adapter.onExtrasChange((e) => extras.push(e.audioBlocked));
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant()]));
    const pc = t.pcs.pcs[0] as unknown as FakePc;
    pc.ontrack({ track: { ...fakeTrack('audio'), onended: null }, transceiver: { mid: '0' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.adapter.getExtras().audioBlocked).toBe(true);
    expect(t.audio.playing.size).toBe(0);
    // Still refused (no gesture yet): the prompt stays.
    await t.adapter.resumeAudio();
    expect(t.adapter.getExtras().audioBlocked).toBe(true);
    // The user clicks: the browser now allows playback.
    t.audio.autoplayAllowed = true;
    await t.adapter.resumeAudio();
    expect(t.audio.playing).toEqual(new Set(['p-b']));
    expect(t.adapter.getExtras().audioBlocked).toBe(false);
    expect(extras.filter((v, i) => extras[i - 1] !== v)).toEqual([false, true, false]);
    t.adapter.dispose();
  });

  it('a blocked peer that leaves takes the prompt with it', async () => {
    const t = setup();
    t.audio.autoplayAllowed = false;
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant()]));
    const pc = t.pcs.pcs[0] as unknown as FakePc;
    pc.ontrack({ track: { ...fakeTrack('audio'), onended: null }, transceiver: { mid: '0' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.adapter.getExtras().audioBlocked).toBe(true);
    t.sockets.last().receive({ type: 'participant.left', participantId: 'p-b', reason: 'left' });
    expect(t.adapter.getExtras().audioBlocked).toBe(false);
    t.adapter.dispose();
  });

  it('a failed media connection to a peer is shown, and the notice goes once it reconnects', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant()]));
    const pc = t.pcs.pcs[0] as unknown as FakePc & { connectionState: string; onconnectionstatechange: () => void };
    pc.connectionState = 'failed';
    pc.onconnectionstatechange();
    expect(t.adapter.getExtras().notice).toEqual({
      kind: 'warning',
      message: expect.stringMatching(/No audio or video from Bea/),
    });
    expect(pc.restartIce).toHaveBeenCalled();
    pc.connectionState = 'connected';
    pc.onconnectionstatechange();
    expect(t.adapter.getExtras().notice).toBeUndefined();
    t.adapter.dispose();
  });

  it('dispose is safe twice and leaves the call', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected'));
    const socket = t.sockets.last();
    t.adapter.dispose();
    t.adapter.dispose();
    expect(socket.sentOfType('leave')).toHaveLength(1);
    expect(socket.closedWith).toBe(1000);
    expect(() => t.adapter.joinCall()).toThrow(/disposed/);
  });
});

describe('LocalCallAdapter: raised hands, reactions and the recording notice', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function connected() {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('Connected', [participant()]));
    return { ...t, socket: t.sockets.last() };
  }

  it('sends a reaction and shows ours and others’ as the service relays them, for as long as the SDK does', async () => {
    const t = await connected();
    await t.adapter.onReactionClick('heart');
    expect(t.socket.sentOfType('reaction')).toEqual([{ type: 'reaction', reaction: 'heart' }]);
    // Nothing shows until the service relays it (it may refuse: lobby, rate limit).
    expect(t.adapter.getState().call!.localParticipantReaction).toBeUndefined();
    t.socket.receive({ type: 'reaction', from: 'p-a', reaction: 'heart' });
    t.socket.receive({ type: 'reaction', from: 'p-b', reaction: 'laugh' });
    expect(t.adapter.getState().call!.localParticipantReaction?.reactionMessage).toEqual({ reactionType: 'heart' });
    expect(t.adapter.getState().call!.remoteParticipants[BEA]!.reactionState?.reactionMessage).toEqual({
      reactionType: 'laugh',
    });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(t.adapter.getState().call!.remoteParticipants[BEA]!.reactionState).toBeDefined();
    await vi.advanceTimersByTimeAsync(200);
    expect(t.adapter.getState().call!.remoteParticipants[BEA]!.reactionState).toBeUndefined();
    expect(t.adapter.getState().call!.localParticipantReaction).toBeUndefined();
  });

  it('sends no reaction outside a Connected call and none of an unknown kind', async () => {
    const t = setup();
    await joinAndOpen(t);
    t.sockets.last().receive(joined('InLobby'));
    await t.adapter.onReactionClick('like');
    t.sockets.last().receive({
      type: 'admitted',
      self: { ...participant({ id: 'p-a', identity: ME }), state: 'Connected' },
      participants: [],
      compliance: { recording: false, transcription: false },
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await t.adapter.onReactionClick('thumbsdown' as never);
    warn.mockRestore();
    expect(t.sockets.last().sentOfType('reaction')).toEqual([]);
  });

  it('takes our place in the raised-hand queue from the service', async () => {
    const t = await connected();
    t.socket.receive({
      type: 'participant.updated',
      participant: participant({ handRaised: true, handOrder: 1 }),
    });
    await t.adapter.raiseHand();
    expect(t.adapter.getState().call!.raiseHand.localParticipantRaisedHand).toEqual({ raisedHandOrderPosition: 2 });
    // Bea lowers; the service moves us up and tells us.
    t.socket.receive({ type: 'participant.updated', participant: participant() });
    t.socket.receive({
      type: 'participant.updated',
      participant: participant({ id: 'p-a', identity: ME, handRaised: true, handOrder: 1 }),
    });
    expect(t.adapter.getState().call!.raiseHand.localParticipantRaisedHand).toEqual({ raisedHandOrderPosition: 1 });
    expect(t.adapter.getState().call!.raiseHand.raisedHands).toEqual([{ raisedHandOrderPosition: 1 }]);
  });

  it('shows the recording notice state from the service, including after a reconnect', async () => {
    const t = await connected();
    t.socket.receive({ type: 'compliance.updated', recording: true, transcription: false });
    expect(t.adapter.getState().call!.recording.isRecordingActive).toBe(true);
    const socket = await dropAndReopen(t);
    socket.receive({
      ...joined('Connected', [participant()], 'attendee', true, true),
      compliance: { recording: false, transcription: true },
    });
    expect(t.adapter.getState().call!.recording.isRecordingActive).toBe(false);
    expect(t.adapter.getState().call!.transcription.isTranscriptionActive).toBe(true);
  });
});
