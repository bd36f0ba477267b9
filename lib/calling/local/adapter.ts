/**
 * `LocalCallAdapter`: the UI Library's `CallAdapter` over browser WebRTC, signalled by the
 * emulator's calling service. Lets the unmodified `CallComposite` hold a local Teams-style meeting.
 *
 *   signalling.ts  WebSocket client (join, resume, restart, ping, frame validation)
 *   mesh.ts        one RTCPeerConnection per Connected peer (perfect negotiation, fixed m-lines)
 *   media.ts       local devices and tracks, speaking detector
 *   views.ts       video view targets for the composite (idempotent)
 *   audio.ts       remote audio playback and speaker selection
 *   state.ts       the pure, immer-based reducer to `CallAdapterState` and the page mapping
 *
 * Features the local cloud lacks reject with `UnsupportedInLocalModeError` (their buttons are hidden by
 * the composite options in components/call). Host actions the 1.34 adapter interface lacks (admit,
 * deny, remove) and adapter-level notices live in `extras` (`getExtras`/`onExtrasChange`).
 */
import { getIdentifierRawId, type CommunicationIdentifier } from '@azure/communication-common';
import type {
  AudioDeviceInfo,
  Call,
  DeviceAccess,
  DtmfTone,
  PermissionConstraints,
  Reaction,
  RemoteParticipant,
  ScalingMode,
  CallSurvey,
  CallSurveyResponse,
  StartCallOptions,
  VideoDeviceInfo,
} from '@azure/communication-calling';
import type {
  AdapterError,
  CallAdapter,
  CallAdapterState,
  CreateVideoStreamViewResult,
  JoinCallOptions,
  StartCaptionsAdapterOptions,
  StopCaptionsAdapterOptions,
  TogetherModeStreamOptions,
  TogetherModeStreamViewResult,
  VideoBackgroundEffect,
  VideoBackgroundImage,
  VideoStreamOptions,
} from '@azure/communication-react';
import { EventEmitter } from 'events';
import { RemoteAudio, isSpeakerSelectionAvailable, type AudioSinkFactory } from './audio';
import { LocalAdapterError, UnsupportedInLocalModeError } from './errors';
import { LocalMedia } from './media';
import { Mesh, type PeerStats, type TrackKind } from './mesh';
import {
  END,
  type ClientMessage,
  type MeetingLocator,
  type Participant,
  type Role,
  type ServerMessage,
} from '@/lib/contracts/calling-protocol';
import { SignallingClient, type SignallingOptions, type WebSocketFactory } from './signalling';
import {
  CAMERA_STREAM_ID,
  SCREEN_STREAM_ID,
  flatId,
  initialState,
  isEndPage,
  reduce,
  toIdentifier,
  type StateEvent,
} from './state';
import { ViewRegistry, viewKey, type StreamKind, type ViewFactory } from './views';

export interface LocalCallAdapterOptions {
  /** e.g. `ws://localhost:4010/calling` */
  callingUrl: string;
  /** The user's raw identifier (`8:acs:…` for guests, `8:orgid:…` for staff). */
  userId: string;
  displayName: string;
  meeting: MeetingLocator;
  /** Returns a valid token; called before every (re)join, so a refreshed token is used after a drop. */
  getToken: () => Promise<string>;
  iceServers?: RTCIceServer[];
  /** Injection points (tests; unusual environments). */
  createSocket?: WebSocketFactory;
  media?: LocalMedia;
  viewFactory?: ViewFactory;
  audioSinkFactory?: AudioSinkFactory;
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  createMediaStream?: (tracks: MediaStreamTrack[]) => MediaStream;
  signalling?: Pick<
    SignallingOptions,
    'pingIntervalMs' | 'backoffInitialMs' | 'backoffMaxMs' | 'resumeGraceMs' | 'random'
  >;
  /** Where `pagehide` is heard (default `window` in a browser; `null` for none). */
  pageEvents?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
}

export interface LobbyEntry {
  id: string;
  identity: string;
  displayName: string;
  external: boolean;
}

export interface AdapterNotice {
  kind: 'info' | 'warning' | 'error';
  message: string;
}

/** What the local cloud adds beyond `CallAdapterState`: lobby for hosts, notices, own role. */
export interface LocalCallExtras {
  role: Role | undefined;
  /** Whether this user may admit/deny/remove (organizer or presenter). */
  isHost: boolean;
  lobby: readonly LobbyEntry[];
  notice: AdapterNotice | undefined;
  /** Connection to the calling service. */
  connection: 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';
}

/** Debug snapshot for e2e tests (`window.__vestibuleCall` in local mode). */
export interface LocalCallDebug {
  readonly state: CallAdapterState;
  readonly extras: LocalCallExtras;
  /** Inbound RTP per remote participant, keyed by the participant's flat identifier. */
  stats(): Promise<Record<string, PeerStats & { participantId: string }>>;
}

type Listener = (...args: never[]) => void;
type AnyListener = (...args: unknown[]) => void;

const INITIAL_EXTRAS: LocalCallExtras = {
  role: undefined,
  isHost: false,
  lobby: [],
  notice: undefined,
  connection: 'idle',
};

export class LocalCallAdapter implements CallAdapter {
  private state: CallAdapterState;
  private extras: LocalCallExtras = INITIAL_EXTRAS;
  private readonly emitter = new EventEmitter();
  private readonly media: LocalMedia;
  private readonly views: ViewRegistry;
  private readonly audio: RemoteAudio;
  private readonly selfFlatId: string;
  private signalling: SignallingClient | undefined;
  private mesh: Mesh | undefined;
  /** Other participants by per-call participant id (Connected and, for hosts, waiting). */
  private readonly participants = new Map<string, Participant>();
  private readonly remoteStreams = new Map<string, Partial<Record<TrackKind, MediaStream>>>();
  private selfId: string | undefined;
  private speaking = false;
  private joinSeq = 0;
  private restarted = false;
  private disposed = false;
  private readonly stopDeviceWatch: () => void;
  private readonly stopPageWatch: () => void;

  constructor(private readonly options: LocalCallAdapterOptions) {
    // The composite subscribes once per connected component (well over a hundred in a full call);
    // the default limit of 10 would warn about a leak that isn't one.
    this.emitter.setMaxListeners(1000);
    this.state = initialState({ userId: options.userId, displayName: options.displayName, isTeamsMeeting: true });
    this.selfFlatId = flatId(toIdentifier(options.userId));
    this.media = options.media ?? new LocalMedia();
    this.views = new ViewRegistry(options.viewFactory);
    this.audio = new RemoteAudio(options.audioSinkFactory);
    this.stopDeviceWatch = this.media.onDeviceChange(() => void this.refreshDevices().catch(() => undefined));
    // A reload or closed tab must leave the call: otherwise the server keeps this participant as
    // "reconnecting" for the resume grace, and its expiry would later tear down the tile of the same
    // person's new session. `leave` goes out synchronously while the page is still there.
    const page =
      options.pageEvents === undefined
        ? typeof window !== 'undefined'
          ? window
          : undefined
        : (options.pageEvents ?? undefined);
    const onPageHide = () => {
      if (this.state.call) void this.leaveCall().catch(() => undefined);
    };
    page?.addEventListener('pagehide', onPageHide);
    this.stopPageWatch = () => page?.removeEventListener('pagehide', onPageHide);
  }

  // ---------------------------------------------------------------- state

  getState(): CallAdapterState {
    return this.state;
  }

  onStateChange(handler: (state: CallAdapterState) => void): void {
    this.emitter.on('stateChanged', handler);
  }

  offStateChange(handler: (state: CallAdapterState) => void): void {
    this.emitter.off('stateChanged', handler);
  }

  getExtras(): LocalCallExtras {
    return this.extras;
  }

  onExtrasChange(handler: (extras: LocalCallExtras) => void): void {
    this.emitter.on('extrasChanged', handler);
  }

  offExtrasChange(handler: (extras: LocalCallExtras) => void): void {
    this.emitter.off('extrasChanged', handler);
  }

  /** Read-only snapshot for tests and debugging. */
  debug(): LocalCallDebug {
    return {
      state: this.state,
      extras: this.extras,
      stats: async () => {
        const raw = (await this.mesh?.stats()) ?? {};
        const out: Record<string, PeerStats & { participantId: string }> = {};
        for (const [participantId, stats] of Object.entries(raw)) {
          const p = this.participants.get(participantId);
          out[p ? flatId(toIdentifier(p.identity)) : participantId] = { ...stats, participantId };
        }
        return out;
      },
    };
  }

  private dispatch(event: StateEvent): void {
    const next = reduce(this.state, event);
    if (next === this.state) return;
    const previousPage = this.state.page;
    this.state = next;
    this.emitter.emit('stateChanged', next);
    if (!isEndPage(previousPage) && isEndPage(next.page) && next.endedCall) {
      this.emitter.emit('callEnded', {
        callId: next.endedCall.id,
        code: next.endedCall.callEndReason?.code,
        subCode: next.endedCall.callEndReason?.subCode,
      });
    }
  }

  private setExtras(patch: Partial<LocalCallExtras>): void {
    const next = { ...this.extras, ...patch };
    if ((Object.keys(patch) as (keyof LocalCallExtras)[]).every((k) => this.extras[k] === next[k])) return;
    this.extras = next;
    this.emitter.emit('extrasChanged', next);
  }

  private reportError(target: string, message: string, cause?: unknown): LocalAdapterError {
    const error = new LocalAdapterError(target, message, cause);
    this.dispatch({ type: 'error', target, error });
    this.emitter.emit('error', error);
    return error;
  }

  // ---------------------------------------------------------------- events

  on(event: string, listener: Listener): void {
    this.emitter.on(event, listener as AnyListener);
  }

  off(event: string, listener: Listener): void {
    this.emitter.off(event, listener as AnyListener);
  }

  // ---------------------------------------------------------------- devices

  async askDevicePermission(constrain: PermissionConstraints): Promise<DeviceAccess> {
    const current = this.state.devices.deviceAccess;
    const satisfied = current && (!constrain.audio || current.audio) && (!constrain.video || current.video);
    if (satisfied) {
      await this.refreshDevices();
      return current;
    }
    let granted: DeviceAccess;
    try {
      granted = await this.media.askPermission(constrain);
    } catch (error) {
      throw this.reportError('DeviceManager.askDevicePermission', 'Could not ask for camera/microphone access.', error);
    }
    const access: DeviceAccess = {
      audio: constrain.audio ? granted.audio : (current?.audio ?? false),
      video: constrain.video ? granted.video : (current?.video ?? false),
    };
    this.dispatch({ type: 'devices.access', deviceAccess: access });
    await this.refreshDevices();
    return access;
  }

  async queryCameras(): Promise<VideoDeviceInfo[]> {
    return (await this.refreshDevices()).cameras;
  }

  async queryMicrophones(): Promise<AudioDeviceInfo[]> {
    return (await this.refreshDevices()).microphones;
  }

  async querySpeakers(): Promise<AudioDeviceInfo[]> {
    return (await this.refreshDevices()).speakers;
  }

  /** Re-reads the device lists (also on hot-plug) and moves off a selected device that disappeared. */
  private async refreshDevices(): Promise<{
    cameras: VideoDeviceInfo[];
    microphones: AudioDeviceInfo[];
    speakers: AudioDeviceInfo[];
  }> {
    const lists = await this.media.enumerate();
    if (this.disposed) return lists;
    this.dispatch({
      type: 'devices.list',
      ...lists,
      isSpeakerSelectionAvailable: lists.speakers.length > 0 && isSpeakerSelectionAvailable(),
    });
    const d = this.state.devices;
    const camera =
      d.selectedCamera && lists.cameras.some((c) => c.id === d.selectedCamera?.id) ? undefined : lists.cameras[0];
    const mic =
      d.selectedMicrophone && lists.microphones.some((m) => m.id === d.selectedMicrophone?.id)
        ? undefined
        : (lists.microphones.find((m) => m.isSystemDefault) ?? lists.microphones[0]);
    const speaker =
      d.selectedSpeaker && lists.speakers.some((s) => s.id === d.selectedSpeaker?.id)
        ? undefined
        : (lists.speakers.find((s) => s.isSystemDefault) ?? lists.speakers[0]);
    if (camera) {
      if (d.selectedCamera && this.media.cameraTrack) await this.setCamera(camera).catch(() => undefined);
      else this.dispatch({ type: 'devices.select', camera });
    }
    if (mic) {
      if (d.selectedMicrophone && this.media.microphoneTrack) await this.setMicrophone(mic).catch(() => undefined);
      else {
        this.dispatch({ type: 'devices.select', microphone: mic });
        this.emitter.emit('selectedMicrophoneChanged');
      }
    }
    if (speaker) {
      this.dispatch({ type: 'devices.select', speaker });
      this.emitter.emit('selectedSpeakerChanged');
    }
    return lists;
  }

  async setCamera(sourceInfo: VideoDeviceInfo, options?: VideoStreamOptions): Promise<void> {
    this.dispatch({ type: 'devices.select', camera: sourceInfo });
    if (!this.media.cameraTrack) return;
    try {
      const track = await this.media.startCamera(sourceInfo.id);
      const stream = this.newStream([track]);
      this.views.updateStream(viewKey.preview, stream);
      this.views.updateStream(viewKey.localCamera, stream);
      if (options?.scalingMode) this.views.setScalingMode(viewKey.localCamera, options.scalingMode);
      if (this.state.devices.unparentedViews.length > 0) this.dispatch({ type: 'preview.started', camera: sourceInfo });
      if (this.state.call?.localVideoStreams.some((s) => s.mediaStreamType === 'Video'))
        this.dispatch({ type: 'local.camera', camera: sourceInfo });
      await this.mesh?.setTrack('camera', this.hasCallCamera() ? track : null);
    } catch (error) {
      throw this.reportError('Call.startVideo', `Could not switch to the camera "${sourceInfo.name}".`, error);
    }
  }

  async setMicrophone(sourceInfo: AudioDeviceInfo): Promise<void> {
    this.dispatch({ type: 'devices.select', microphone: sourceInfo });
    this.emitter.emit('selectedMicrophoneChanged');
    if (!this.media.microphoneTrack) return;
    try {
      const track = await this.media.startMicrophone(sourceInfo.id, !(this.state.call?.isMuted ?? true));
      await this.mesh?.setTrack('audio', track);
      this.startSpeakingDetector();
    } catch (error) {
      throw this.reportError('Call.unmute', `Could not switch to the microphone "${sourceInfo.name}".`, error);
    }
  }

  async setSpeaker(sourceInfo: AudioDeviceInfo): Promise<void> {
    this.dispatch({ type: 'devices.select', speaker: sourceInfo });
    this.emitter.emit('selectedSpeakerChanged');
    try {
      await this.audio.setSinkId(sourceInfo.id);
    } catch (error) {
      throw this.reportError('DeviceManager.selectSpeaker', `Could not play through "${sourceInfo.name}".`, error);
    }
  }

  // ---------------------------------------------------------------- join / leave

  joinCall(microphoneOn?: boolean): Call | undefined;
  joinCall(options?: JoinCallOptions): Call | undefined;
  joinCall(options?: boolean | JoinCallOptions): Call | undefined {
    if (this.disposed) throw new LocalAdapterError('Call.join', 'The call adapter was disposed.');
    const current = this.state.call?.state;
    if (current && current !== 'None' && current !== 'Disconnected')
      throw new LocalAdapterError('Call.join', 'You are already in the call!');
    let microphoneOn = this.state.isLocalPreviewMicrophoneEnabled;
    let cameraOn = this.state.cameraStatus === 'On';
    if (typeof options === 'boolean') microphoneOn = options;
    else if (options) {
      if (typeof options.microphoneOn === 'boolean') microphoneOn = options.microphoneOn;
      if (typeof options.cameraOn === 'boolean') cameraOn = options.cameraOn;
    }
    const camera = cameraOn ? this.state.devices.selectedCamera : undefined;
    const seq = ++this.joinSeq;
    this.restarted = false;
    this.dispatch({ type: 'call.connecting', callId: `local-pending-${seq}`, muted: !microphoneOn, camera });
    this.setExtras({ notice: undefined, lobby: [], connection: 'connecting' });
    void this.connect(seq, microphoneOn, camera);
    return undefined;
  }

  private async connect(seq: number, microphoneOn: boolean, camera: VideoDeviceInfo | undefined): Promise<void> {
    try {
      await this.media.startMicrophone(this.state.devices.selectedMicrophone?.id, microphoneOn);
      // Left (or disposed) while getUserMedia was pending: release the microphone it just opened
      // instead of keeping it live, and do not start the speaking detector (AudioContext + interval).
      if (seq !== this.joinSeq) return this.releaseAbandonedMedia();
      // Muted (or unmuted) while the microphone was starting: the track must follow the current
      // state, not the one at joinCall, or the UI and peers show "muted" over a live microphone.
      this.media.setMicrophoneEnabled(!(this.state.call?.isMuted ?? true));
      this.startSpeakingDetector();
    } catch (error) {
      if (seq !== this.joinSeq) return;
      this.dispatch({ type: 'local.muted', muted: true });
      this.reportError('Call.join', 'The microphone is not available: joining muted.', error);
    }
    if (seq !== this.joinSeq) return;
    if (camera) {
      try {
        await this.media.startCamera(camera.id);
        if (seq !== this.joinSeq) return this.releaseAbandonedMedia();
        // Camera turned off while it was starting: stop it again (the light must go off).
        if (!this.hasCallCamera() && this.state.devices.unparentedViews.length === 0) this.media.stopCamera();
      } catch (error) {
        if (seq !== this.joinSeq) return;
        this.dispatch({ type: 'local.camera', camera: undefined });
        this.reportError('Call.startVideo', 'The camera is not available: joining with video off.', error);
      }
    }
    if (seq !== this.joinSeq || this.disposed) return;
    const signalling = new SignallingClient({
      url: this.options.callingUrl,
      createSocket: this.options.createSocket,
      ...this.options.signalling,
      join: async () => ({
        token: await this.options.getToken(),
        meeting: this.options.meeting,
        displayName: this.state.displayName ?? this.options.displayName,
        state: { muted: this.state.call?.isMuted ?? true, cameraOn: this.hasCallCamera() },
      }),
    });
    this.signalling = signalling;
    signalling.on('message', (m) => {
      if (this.signalling === signalling) this.onServerMessage(m);
    });
    signalling.on('status', (status) => {
      if (this.signalling !== signalling) return;
      if (status === 'reconnecting') {
        this.dispatch({ type: 'call.reconnecting' });
        this.emitter.emit('diagnosticChanged', {
          type: 'network',
          diagnostic: 'networkReconnect',
          value: 3,
          valueType: 'DiagnosticQuality',
        });
        this.setExtras({
          connection: 'reconnecting',
          notice: {
            kind: 'warning',
            message: this.restarted
              ? 'The meeting service restarted — rejoining…'
              : 'Connection to the meeting lost — reconnecting…',
          },
        });
      } else if (status === 'connecting') {
        this.setExtras({ connection: 'connecting' });
      }
    });
    signalling.on('restarted', () => {
      if (this.signalling !== signalling) return;
      this.restarted = true;
      this.dropAllPeers();
      // The rejoin is a new participant that may land in the lobby, where screen sharing is refused
      // (and would make the server reject the whole full-state frame): stop presenting.
      void this.stopScreenShare();
      this.setExtras({ notice: { kind: 'warning', message: 'The meeting service restarted — rejoining…' } });
    });
    signalling.on('lost', ({ code, reason }) => {
      if (this.signalling !== signalling) return;
      const policy = code === 1000;
      this.endCall(policy ? 403 : 0, 0, !policy);
      this.setExtras({
        connection: 'closed',
        notice: {
          kind: 'error',
          message: policy
            ? `The meeting service refused the connection: ${reason}`
            : 'Lost the connection to the meeting service.',
        },
      });
    });
    signalling.on('invalidFrame', (frame) =>
      console.warn('[vestibule call] ignored an invalid frame from the calling service', frame),
    );
    signalling.start();
  }

  /**
   * A join was abandoned (left, ended, disposed) while a device was starting: release what it got.
   * A newer join in progress (or the configuration preview) shares the same LocalMedia tracks, so
   * they are kept then.
   */
  private releaseAbandonedMedia(): void {
    const call = this.state.call;
    if (!this.disposed && call && call.state !== 'Disconnected' && call.state !== 'None') return;
    this.media.stopMicrophone(); // also stops the speaking detector
    if (this.disposed || this.state.devices.unparentedViews.length === 0) this.media.stopCamera();
  }

  async leaveCall(_forEveryone?: boolean): Promise<void> {
    if (!this.state.call) return;
    this.dispatch({ type: 'call.disconnecting' });
    this.signalling?.send({ type: 'leave' });
    this.endCall(END.left.code, END.left.subCode);
    // Like the Azure adapter: after leaving, camera off and microphone off for the next join.
    this.dispatch({ type: 'local.microphoneEnabled', enabled: false });
    await Promise.resolve();
  }

  /** Tears the call down and moves to the end page for (code, subCode). */
  private endCall(code: number, subCode: number, noNetwork = false): void {
    this.joinSeq += 1;
    const signalling = this.signalling;
    this.signalling = undefined;
    signalling?.close();
    this.dropAllPeers();
    this.mesh?.close();
    this.mesh = undefined;
    this.views.disposeAll();
    this.audio.dispose();
    this.media.stopMicrophone();
    this.media.stopCamera();
    this.media.stopScreen();
    this.selfId = undefined;
    this.speaking = false;
    if (this.state.devices.unparentedViews.length > 0) this.dispatch({ type: 'preview.stopped' });
    this.dispatch({ type: 'call.ended', code, subCode, noNetwork });
    this.setExtras({ lobby: [], connection: 'closed' });
  }

  // ---------------------------------------------------------------- server messages

  private onServerMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'joined':
        return this.onJoined(message);
      case 'admitted':
        return this.onAdmitted(message.self, message.participants);
      case 'participant.joined':
      case 'participant.updated':
        return this.onParticipant(message.participant);
      case 'participant.left':
        return this.onParticipantLeft(message.participantId, message.reason);
      case 'lobby.updated':
        this.setExtras({ lobby: message.lobby.map(toLobbyEntry) });
        return;
      case 'signal':
        this.mesh?.handleSignal(message.from, {
          ...(message.description ? { description: message.description } : {}),
          ...(message.candidate !== undefined ? { candidate: message.candidate } : {}),
        });
        return;
      case 'ended':
        this.endCall(message.code, message.subCode);
        this.setExtras({
          notice:
            message.subCode === END.left.subCode && message.code === 0
              ? undefined
              : { kind: 'info', message: message.reason },
        });
        return;
      case 'error':
        console.warn(`[vestibule call] the calling service refused a message: ${message.code}: ${message.message}`);
        if (message.code === 'not_allowed') this.setExtras({ notice: { kind: 'warning', message: message.message } });
        return;
      case 'pong':
        return;
    }
  }

  private onJoined(message: Extract<ServerMessage, { type: 'joined' }>): void {
    // Presenting and managing the lobby are separate in Teams: external guests may present (share
    // their screen) but only the organization's organizers and presenters admit people.
    const isHost = (message.self.role === 'organizer' || message.self.role === 'presenter') && !message.self.external;
    if (message.resumed && this.mesh && this.selfId === message.self.id) {
      if (message.self.state === 'Connected' && this.state.call?.state === 'InLobby') {
        // Admitted while our socket was down: the `admitted` frame went to the dead socket, so the
        // resumed `joined` (self Connected) is the only news of it. Take the admitted path now.
        this.dispatch({ type: 'call.reconnected' });
        this.setExtras({ connection: 'connected', lobby: message.lobby.map(toLobbyEntry) });
        this.onAdmitted(message.self, message.participants);
        return;
      }
      // Same participant after a dropped socket: reconcile who is there; peer connections carry on.
      const present = new Set(message.participants.map((p) => p.id));
      for (const id of [...this.participants.keys()]) if (!present.has(id)) this.onParticipantLeft(id, 'dropped');
      for (const p of message.participants) this.onParticipant(p, false);
      this.dispatch({ type: 'call.reconnected' });
      this.setExtras({ connection: 'connected', notice: undefined, lobby: message.lobby.map(toLobbyEntry) });
      this.sendFullState();
      // Offers, answers and ICE candidates sent while the socket was down were lost (send() drops
      // them, the server refuses signals to a reconnecting member): renegotiate with everyone.
      this.mesh.renegotiate();
      return;
    }
    this.dropAllPeers();
    this.mesh?.close();
    this.selfId = message.self.id;
    this.mesh = this.createMesh(message.self.id);
    for (const p of message.participants) this.participants.set(p.id, p);
    const previousCallId = this.state.call?.id;
    this.dispatch({ type: 'call.reconnected' });
    this.dispatch({
      type: 'call.joined',
      callId: message.callId,
      state: message.self.state,
      role: message.self.role,
      participants: message.participants,
    });
    if (previousCallId !== message.callId) this.emitter.emit('callIdChanged', { callId: message.callId });
    // The preview hands its camera over to the call: the composite asks for the call's local view.
    if (this.state.devices.unparentedViews.length > 0) {
      this.views.dispose(viewKey.preview);
      this.dispatch({ type: 'preview.stopped' });
    }
    // The camera track may have started after the composite last asked for a local view: make it now
    // (idempotent; the composite reads the target back from state).
    if (this.hasCallCamera()) this.createLocalView();
    if (message.self.state === 'Connected') this.connectPeers();
    const notice: AdapterNotice | undefined = this.restarted
      ? { kind: 'info', message: 'The meeting service restarted; you have rejoined the meeting.' }
      : isHost
        ? { kind: 'info', message: `You joined as ${message.self.role}: you can admit people waiting in the lobby.` }
        : undefined;
    this.restarted = false;
    this.setExtras({
      role: message.self.role,
      isHost,
      lobby: message.lobby.map(toLobbyEntry),
      connection: 'connected',
      notice,
    });
    this.sendFullState();
    this.emitJoined(message.participants);
  }

  /** InLobby → Connected: from `admitted`, or from a resumed `joined` when `admitted` was missed. */
  private onAdmitted(self: Participant, participants: Participant[]): void {
    this.selfId = self.id;
    for (const p of participants) this.participants.set(p.id, p);
    this.dispatch({ type: 'call.admitted', participants });
    this.connectPeers();
    this.emitJoined(participants);
    this.setExtras({ notice: undefined });
    // The full state sent on joining was for a lobby member (screen sharing refused, state not
    // relayed): send it again now that peers see us.
    this.sendFullState();
  }

  /**
   * The entry shown for an identity: the newest participant id with it. After a reload the same
   * person can briefly have two ids (the old one waiting out its resume grace); tiles, views and
   * state follow the newest only.
   */
  private currentFor(identity: string): Participant | undefined {
    let current: Participant | undefined;
    for (const q of this.participants.values()) if (q.identity === identity) current = q;
    return current;
  }

  /** The current entry for a flat identifier (as the composite names remote participants). */
  private entryFor(flat: string): Participant | undefined {
    let current: Participant | undefined;
    for (const q of this.participants.values()) if (flatId(toIdentifier(q.identity)) === flat) current = q;
    return current;
  }

  /** `renegotiate`: false while reconciling after our own resume (which renegotiates with everyone). */
  private onParticipant(p: Participant, renegotiate = true): void {
    if (p.id === this.selfId) {
      // The service stopped our screen share (someone else took over): follow it.
      if (!p.screenSharing && this.state.call?.isScreenSharingOn) void this.stopScreenShare();
      return;
    }
    const previous = this.participants.get(p.id);
    this.participants.set(p.id, p);
    // A stale id for someone who has rejoined (see currentFor): it must not overwrite their tile.
    if (this.currentFor(p.identity) !== p) return;
    this.dispatch({ type: 'participant.upsert', participant: p });
    const identifier = toIdentifier(p.identity);
    if (!previous || (previous.state !== 'Connected' && p.state === 'Connected')) {
      if (p.state === 'Connected') this.emitJoined([p]);
    } else {
      if (previous.muted !== p.muted) this.emitter.emit('isMutedChanged', { identifier, isMuted: p.muted });
      if (previous.speaking !== p.speaking)
        this.emitter.emit('isSpeakingChanged', { identifier, isSpeaking: p.speaking });
      if (previous.displayName !== p.displayName)
        this.emitter.emit('displayNameChanged', { participantId: identifier, displayName: p.displayName });
    }
    if (p.state === 'Connected' && this.state.call?.state === 'Connected') this.mesh?.addPeer(p.id);
    // The peer's socket came back: whatever we signalled to it meanwhile was refused by the server
    // (and its frames to us were lost), so restart negotiation with it.
    if (renegotiate && previous?.reconnecting && !p.reconnecting) this.mesh?.renegotiate(p.id);
    // Screen share takeover is the server's call: it tells the previous sharer (us) with a
    // participant.updated for self (handled above). Stopping ours whenever someone else starts would
    // stop both of two near-simultaneous starts.
    if (!p.cameraOn) this.disposeRemoteView(p.identity, 'camera');
    if (!p.screenSharing) this.disposeRemoteView(p.identity, 'screen');
  }

  private onParticipantLeft(participantId: string, reason: 'left' | 'removed' | 'dropped' | 'denied'): void {
    const p = this.participants.get(participantId);
    this.mesh?.removePeer(participantId);
    this.audio.detach(participantId);
    this.remoteStreams.delete(participantId);
    if (!p) return;
    this.participants.delete(participantId);
    // The same person is still here under a newer id (reload; the old id's grace ran out): their
    // tile, views and state belong to the new id.
    if (this.currentFor(p.identity)) return;
    this.disposeRemoteView(p.identity, 'camera');
    this.disposeRemoteView(p.identity, 'screen');
    this.dispatch({ type: 'participant.left', identity: p.identity, reason });
    if (p.state === 'Connected') this.emitter.emit('participantsLeft', { removed: [toRemoteParticipant(p)] });
  }

  private dropAllPeers(): void {
    for (const id of [...this.participants.keys()]) this.onParticipantLeft(id, 'dropped');
    for (const id of this.mesh?.peerIds ?? []) this.mesh?.removePeer(id);
  }

  private connectPeers(): void {
    for (const p of this.participants.values()) if (p.state === 'Connected') this.mesh?.addPeer(p.id);
  }

  private emitJoined(list: Participant[]): void {
    const joined = list.filter((p) => p.state === 'Connected').map(toRemoteParticipant);
    if (joined.length > 0) this.emitter.emit('participantsJoined', { joined });
  }

  private createMesh(selfId: string): Mesh {
    const mesh = new Mesh({
      selfId,
      iceServers: this.options.iceServers,
      createPeerConnection: this.options.createPeerConnection,
      createMediaStream: this.options.createMediaStream,
      send: (to, payload) => {
        this.signalling?.send({
          type: 'signal',
          to,
          ...(payload.description
            ? { description: { type: payload.description.type, sdp: payload.description.sdp } }
            : {}),
          ...(payload.candidate !== undefined
            ? { candidate: payload.candidate ? toCandidate(payload.candidate) : null }
            : {}),
        });
      },
      onRemoteStream: (peerId, kind, stream) => this.onRemoteStream(peerId, kind, stream),
    });
    void mesh.setTrack('audio', this.media.microphoneTrack ?? null);
    void mesh.setTrack('camera', this.hasCallCamera() ? (this.media.cameraTrack ?? null) : null);
    void mesh.setTrack('screen', this.state.call?.isScreenSharingOn ? (this.media.screenTrack ?? null) : null);
    return mesh;
  }

  private onRemoteStream(peerId: string, kind: TrackKind, stream: MediaStream | undefined): void {
    const streams = this.remoteStreams.get(peerId) ?? {};
    if (stream) streams[kind] = stream;
    else delete streams[kind];
    this.remoteStreams.set(peerId, streams);
    const p = this.participants.get(peerId);
    if (kind === 'audio') {
      if (stream) this.audio.attach(peerId, stream);
      else this.audio.detach(peerId);
      return;
    }
    // Streams of a stale id (its connection closing after the person rejoined) must not replace the
    // current id's video: views are keyed by identity.
    if (!p || this.currentFor(p.identity) !== p) return;
    this.views.updateStream(viewKey.remote(p.identity, kind), stream);
    this.dispatch({
      type: 'participant.media',
      participant: p,
      receiving: { camera: !!streams.camera, screen: !!streams.screen },
    });
  }

  private sendFullState(): void {
    const call = this.state.call;
    if (!call) return;
    this.signalling?.send({
      type: 'state',
      muted: call.isMuted,
      cameraOn: this.hasCallCamera(),
      screenSharing: call.isScreenSharingOn,
      speaking: this.speaking,
      handRaised: !!call.raiseHand.localParticipantRaisedHand,
    });
  }

  private startSpeakingDetector(): void {
    this.media.startSpeakingDetector((speaking) => {
      if (this.speaking === speaking) return;
      this.speaking = speaking;
      this.signalling?.send({ type: 'state', speaking });
      this.emitter.emit('isSpeakingChanged', { identifier: this.state.userId, isSpeaking: speaking });
    });
  }

  private hasCallCamera(): boolean {
    return !!this.state.call?.localVideoStreams.some((s) => s.mediaStreamType === 'Video');
  }

  private newStream(tracks: MediaStreamTrack[]): MediaStream {
    return (this.options.createMediaStream ?? ((t: MediaStreamTrack[]) => new MediaStream(t)))(tracks);
  }

  // ---------------------------------------------------------------- local media in call

  async startCamera(options?: VideoStreamOptions): Promise<void> {
    const camera = this.state.devices.selectedCamera ?? (await this.queryCameras())[0];
    if (!camera) throw this.reportError('Call.startVideo', 'No camera was found.');
    if (!this.state.devices.selectedCamera) this.dispatch({ type: 'devices.select', camera });
    let track: MediaStreamTrack;
    try {
      track = await this.media.startCamera(camera.id);
    } catch (error) {
      throw this.reportError('Call.startVideo', 'The camera could not be started.', error);
    }
    if (this.state.call) {
      if (this.hasCallCamera()) return;
      this.dispatch({ type: 'local.camera', camera });
      await this.mesh?.setTrack('camera', track);
      this.signalling?.send({ type: 'state', cameraOn: true });
      return;
    }
    this.dispatch({ type: 'preview.started', camera });
    this.createPreviewView(track, options?.scalingMode ?? 'Crop', options?.isMirrored ?? true);
  }

  private createPreviewView(track: MediaStreamTrack, scalingMode: ScalingMode, isMirrored: boolean): void {
    const { view, options } = this.views.create(viewKey.preview, this.newStream([track]), {
      participantId: this.selfFlatId,
      kind: 'camera',
      local: true,
      scalingMode,
      isMirrored,
    });
    this.dispatch({
      type: 'preview.view',
      view: { target: view.target, scalingMode: options.scalingMode, isMirrored: options.isMirrored },
    });
  }

  async stopCamera(): Promise<void> {
    if (this.views.dispose(viewKey.preview) || this.state.devices.unparentedViews.length > 0)
      this.dispatch({ type: 'preview.stopped' });
    if (this.hasCallCamera()) {
      this.views.dispose(viewKey.localCamera);
      this.dispatch({ type: 'local.camera', camera: undefined });
      await this.mesh?.setTrack('camera', null);
      this.signalling?.send({ type: 'state', cameraOn: false });
    }
    this.media.stopCamera();
  }

  async mute(): Promise<void> {
    this.dispatch({ type: 'local.microphoneEnabled', enabled: false });
    const call = this.state.call;
    if (!call || call.isMuted) return;
    this.media.setMicrophoneEnabled(false);
    this.dispatch({ type: 'local.muted', muted: true });
    this.signalling?.send({ type: 'state', muted: true });
    this.emitter.emit('isMutedChanged', { identifier: this.state.userId, isMuted: true });
    await Promise.resolve();
  }

  async unmute(): Promise<void> {
    this.dispatch({ type: 'local.microphoneEnabled', enabled: true });
    const call = this.state.call;
    if (!call || !call.isMuted) return;
    if (!this.media.microphoneTrack) {
      try {
        const track = await this.media.startMicrophone(this.state.devices.selectedMicrophone?.id, true);
        await this.mesh?.setTrack('audio', track);
        this.startSpeakingDetector();
      } catch (error) {
        throw this.reportError('Call.unmute', 'The microphone could not be started.', error);
      }
    }
    this.media.setMicrophoneEnabled(true);
    this.dispatch({ type: 'local.muted', muted: false });
    this.signalling?.send({ type: 'state', muted: false });
    this.emitter.emit('isMutedChanged', { identifier: this.state.userId, isMuted: false });
  }

  async startScreenShare(): Promise<void> {
    const call = this.state.call;
    if (!call || call.state !== 'Connected')
      throw this.reportError('Call.startScreenSharing', 'Screen sharing starts once you are in the meeting.');
    if (call.isScreenSharingOn) return;
    // Attendees may not present (the service refuses it too); the button is hidden for them.
    if (this.extras.role === 'attendee')
      throw this.reportError('Call.startScreenSharing', 'Only presenters can share their screen in this meeting.');
    let track: MediaStreamTrack;
    try {
      track = await this.media.startScreen(() => void this.stopScreenShare());
    } catch (error) {
      throw this.reportError('Call.startScreenSharing', 'Screen sharing was cancelled or is not available.', error);
    }
    if (!this.state.call) {
      this.media.stopScreen();
      return;
    }
    await this.mesh?.setTrack('screen', track);
    this.dispatch({ type: 'local.screen', on: true });
    this.signalling?.send({ type: 'state', screenSharing: true });
    this.emitter.emit('isLocalScreenSharingActiveChanged', { isScreenSharingOn: true });
  }

  async stopScreenShare(): Promise<void> {
    if (!this.state.call?.isScreenSharingOn) return;
    this.views.dispose(viewKey.localScreen);
    this.media.stopScreen();
    this.dispatch({ type: 'local.screen', on: false });
    this.signalling?.send({ type: 'state', screenSharing: false });
    this.emitter.emit('isLocalScreenSharingActiveChanged', { isScreenSharingOn: false });
    await this.mesh?.setTrack('screen', null);
  }

  async raiseHand(): Promise<void> {
    if (!this.state.call) return;
    this.dispatch({ type: 'local.handRaised', raised: true });
    this.signalling?.send({ type: 'state', handRaised: true });
    await Promise.resolve();
  }

  async lowerHand(): Promise<void> {
    if (!this.state.call) return;
    this.dispatch({ type: 'local.handRaised', raised: false });
    this.signalling?.send({ type: 'state', handRaised: false });
    await Promise.resolve();
  }

  // ---------------------------------------------------------------- views

  async createStreamView(
    remoteUserId?: string,
    options?: VideoStreamOptions,
  ): Promise<void | CreateVideoStreamViewResult> {
    await Promise.resolve();
    return remoteUserId === undefined ? this.createLocalView(options) : this.createRemoteView(remoteUserId, options);
  }

  private createLocalView(options?: VideoStreamOptions): CreateVideoStreamViewResult | undefined {
    const call = this.state.call;
    let key: string | undefined;
    const cam = call?.localVideoStreams.find((s) => s.mediaStreamType === 'Video');
    const camTrack = this.media.cameraTrack;
    if (cam && !cam.view && camTrack) {
      const { view, options: o } = this.views.create(viewKey.localCamera, this.newStream([camTrack]), {
        participantId: this.selfFlatId,
        kind: 'camera',
        local: true,
        scalingMode: options?.scalingMode ?? 'Crop',
        isMirrored: options?.isMirrored ?? true,
      });
      this.dispatch({
        type: 'local.cameraView',
        view: { target: view.target, scalingMode: o.scalingMode, isMirrored: o.isMirrored },
      });
      key = viewKey.localCamera;
    }
    const screen = call?.localVideoStreams.find((s) => s.mediaStreamType === 'ScreenSharing');
    const screenTrack = this.media.screenTrack;
    if (screen && !screen.view && call?.isScreenSharingOn && screenTrack) {
      const { view } = this.views.create(viewKey.localScreen, this.newStream([screenTrack]), {
        participantId: this.selfFlatId,
        kind: 'screen',
        local: true,
        scalingMode: 'Fit',
        isMirrored: false,
      });
      this.dispatch({ type: 'local.screenView', view: { target: view.target, scalingMode: 'Fit', isMirrored: false } });
      key ??= viewKey.localScreen;
    }
    const preview = this.state.devices.unparentedViews[0];
    if (!key && preview && !preview.view && camTrack) {
      this.createPreviewView(camTrack, options?.scalingMode ?? 'Crop', options?.isMirrored ?? true);
      key = viewKey.preview;
    }
    return key ? this.viewResult(key) : undefined;
  }

  private createRemoteView(
    remoteUserId: string,
    options?: VideoStreamOptions,
  ): CreateVideoStreamViewResult | undefined {
    const rp = this.state.call?.remoteParticipants[remoteUserId];
    const entry = this.entryFor(remoteUserId);
    if (!rp || !entry) return undefined;
    const streams = this.remoteStreams.get(entry.id) ?? {};
    let key: string | undefined;
    const specs: [StreamKind, number, ScalingMode][] = [
      ['camera', CAMERA_STREAM_ID, options?.scalingMode ?? 'Crop'],
      // Like the Azure handlers: screen share is always Fit so nothing of the screen is cut off.
      ['screen', SCREEN_STREAM_ID, 'Fit'],
    ];
    for (const [kind, streamId, scalingMode] of specs) {
      const s = rp.videoStreams[streamId];
      if (!s || !s.isAvailable || s.view) continue;
      const k = viewKey.remote(entry.identity, kind);
      const { view, options: o } = this.views.create(k, streams[kind], {
        participantId: remoteUserId,
        kind,
        local: false,
        scalingMode,
        isMirrored: false,
      });
      this.dispatch({
        type: 'remote.view',
        identity: entry.identity,
        streamId,
        view: { target: view.target, scalingMode: o.scalingMode, isMirrored: false },
      });
      key ??= k;
    }
    return key ? this.viewResult(key) : undefined;
  }

  private viewResult(key: string): CreateVideoStreamViewResult {
    return {
      view: {
        updateScalingMode: async (mode) => {
          this.views.setScalingMode(key, mode);
          await Promise.resolve();
        },
      },
    };
  }

  private disposeRemoteView(identity: string, kind: StreamKind): void {
    const disposed = this.views.dispose(viewKey.remote(identity, kind));
    if (disposed || this.state.call)
      this.dispatch({
        type: 'remote.view',
        identity,
        streamId: kind === 'camera' ? CAMERA_STREAM_ID : SCREEN_STREAM_ID,
        view: undefined,
      });
  }

  async disposeStreamView(remoteUserId?: string, _options?: VideoStreamOptions): Promise<void> {
    if (remoteUserId === undefined) return this.disposeLocalVideoStreamView();
    await this.disposeRemoteVideoStreamView(remoteUserId);
    await this.disposeScreenShareStreamView(remoteUserId);
  }

  async disposeScreenShareStreamView(remoteUserId: string): Promise<void> {
    await Promise.resolve();
    if (remoteUserId === '') {
      this.views.dispose(viewKey.localScreen);
      this.dispatch({ type: 'local.screenView', view: undefined });
      return;
    }
    const entry = this.entryFor(remoteUserId);
    if (entry) this.disposeRemoteView(entry.identity, 'screen');
  }

  async disposeRemoteVideoStreamView(remoteUserId: string): Promise<void> {
    await Promise.resolve();
    const entry = this.entryFor(remoteUserId);
    if (entry) this.disposeRemoteView(entry.identity, 'camera');
  }

  async disposeLocalVideoStreamView(): Promise<void> {
    await Promise.resolve();
    if (this.views.dispose(viewKey.localCamera) || this.state.call)
      this.dispatch({ type: 'local.cameraView', view: undefined });
    // Like the Azure handlers, the preview is disposed too (the camera stays on only for a call).
    if (this.views.dispose(viewKey.preview) || this.state.devices.unparentedViews.length > 0) {
      this.dispatch({ type: 'preview.stopped' });
      if (!this.hasCallCamera()) this.media.stopCamera();
    }
  }

  // ---------------------------------------------------------------- host actions (local extras)

  /**
   * Admits people from the lobby (organizers and presenters). Host actions never throw (they run in
   * click handlers): they return whether the request went out and, when it could not (reconnecting,
   * call over), say so in `extras.notice` instead of dropping it silently.
   */
  admit(participantIds: string[] | 'all'): boolean {
    if (participantIds !== 'all' && participantIds.length === 0) return false;
    return this.hostAction({ type: 'lobby.admit', participantIds }, 'admit from the lobby');
  }

  /** Denies a person in the lobby: their join ends with subCode 5854. Returns whether it was sent. */
  reject(participantId: string): boolean {
    return this.hostAction({ type: 'lobby.reject', participantId }, 'deny entry');
  }

  /** Removes a participant by per-call participant id. Returns whether it was sent. */
  remove(participantId: string): boolean {
    return this.hostAction({ type: 'remove', participantId }, 'remove the participant');
  }

  private hostAction(
    message: Extract<ClientMessage, { type: 'lobby.admit' | 'lobby.reject' | 'remove' }>,
    what: string,
  ): boolean {
    const sent = this.extras.connection === 'connected' && (this.signalling?.send(message) ?? false);
    if (!sent)
      this.setExtras({
        notice: {
          kind: 'warning',
          message: `Could not ${what}: not connected to the meeting. Try again once reconnected.`,
        },
      });
    return sent;
  }

  removeParticipant(userId: string): Promise<void>;
  removeParticipant(participant: CommunicationIdentifier): Promise<void>;
  async removeParticipant(participant: string | CommunicationIdentifier): Promise<void> {
    const flat = typeof participant === 'string' ? participant : getIdentifierRawId(participant);
    const entry = this.entryFor(flat);
    await Promise.resolve();
    if (!entry) throw this.reportError('Call.removeParticipant', 'That participant is not in the meeting.');
    if (!this.remove(entry.id))
      throw this.reportError('Call.removeParticipant', 'Not connected to the meeting: try again once reconnected.');
  }

  // ---------------------------------------------------------------- dispose

  dispose(): void {
    if (this.disposed) return;
    if (this.state.call) {
      this.signalling?.send({ type: 'leave' });
      this.endCall(END.left.code, END.left.subCode);
    }
    this.disposed = true;
    this.joinSeq += 1;
    this.signalling?.close();
    this.signalling = undefined;
    this.mesh?.close();
    this.views.disposeAll();
    this.audio.dispose();
    this.stopDeviceWatch();
    this.stopPageWatch();
    this.media.dispose();
    this.emitter.removeAllListeners();
  }

  // ---------------------------------------------------------------- not in the local cloud

  startCall(participants: string[], options?: StartCallOptions): Call | undefined;
  startCall(participants: CommunicationIdentifier[], options?: StartCallOptions): Call | undefined;
  startCall(_participants: string[] | CommunicationIdentifier[], _options?: StartCallOptions): Call | undefined {
    throw new UnsupportedInLocalModeError('startCall (outgoing calls)');
  }
  async onReactionClick(_reaction: Reaction): Promise<void> {
    return unsupported('reactions');
  }
  async createTogetherModeStreamView(
    _options?: TogetherModeStreamOptions,
  ): Promise<void | TogetherModeStreamViewResult> {
    return unsupported('together mode');
  }
  async startTogetherMode(): Promise<void> {
    return unsupported('together mode');
  }
  /** Nothing to size without together mode. */
  setTogetherModeSceneSize(_width: number, _height: number): void {}
  async disposeTogetherModeStreamView(): Promise<void> {
    return unsupported('together mode');
  }
  async holdCall(): Promise<void> {
    return unsupported('hold');
  }
  async resumeCall(): Promise<void> {
    return unsupported('hold');
  }
  async addParticipant(_participant: unknown, _options?: unknown): Promise<void> {
    return unsupported('adding participants / PSTN');
  }
  async sendDtmfTone(_dtmfTone: DtmfTone): Promise<void> {
    return unsupported('DTMF');
  }
  async startCaptions(_options?: StartCaptionsAdapterOptions): Promise<void> {
    return unsupported('captions');
  }
  async setCaptionLanguage(_language: string): Promise<void> {
    return unsupported('captions');
  }
  async setSpokenLanguage(_language: string): Promise<void> {
    return unsupported('captions');
  }
  async stopCaptions(_options?: StopCaptionsAdapterOptions): Promise<void> {
    return unsupported('captions');
  }
  async startVideoBackgroundEffect(_effect: VideoBackgroundEffect): Promise<void> {
    return unsupported('background effects');
  }
  async stopVideoBackgroundEffects(): Promise<void> {
    return unsupported('background effects');
  }
  /** Stores the picker images in state (UI only; applying an effect is not supported locally). */
  updateBackgroundPickerImages(backgroundImages: VideoBackgroundImage[]): void {
    this.state = { ...this.state, videoBackgroundImages: backgroundImages };
    this.emitter.emit('stateChanged', this.state);
  }
  /** Stores the selection in state (UI only; applying an effect is not supported locally). */
  updateSelectedVideoBackgroundEffect(selectedVideoBackground: VideoBackgroundEffect): void {
    this.state = { ...this.state, selectedVideoBackgroundEffect: selectedVideoBackground };
    this.emitter.emit('stateChanged', this.state);
  }
  async startNoiseSuppressionEffect(): Promise<void> {
    return unsupported('noise suppression effects');
  }
  async stopNoiseSuppressionEffect(): Promise<void> {
    return unsupported('noise suppression effects');
  }
  async submitSurvey(_survey: CallSurvey): Promise<CallSurveyResponse | undefined> {
    return unsupported('call surveys');
  }
  async startSpotlight(_userIds?: string[]): Promise<void> {
    return unsupported('spotlight');
  }
  async stopSpotlight(_userIds?: string[]): Promise<void> {
    return unsupported('spotlight');
  }
  async stopAllSpotlight(): Promise<void> {
    return unsupported('spotlight');
  }
  async muteParticipant(_userId: string): Promise<void> {
    return unsupported('muting others');
  }
  async muteAllRemoteParticipants(): Promise<void> {
    return unsupported('muting others');
  }
  async returnFromBreakoutRoom(): Promise<void> {
    return unsupported('breakout rooms');
  }
  async forbidAudio(_userIds: string[]): Promise<void> {
    return unsupported('media access control');
  }
  async permitAudio(_userIds: string[]): Promise<void> {
    return unsupported('media access control');
  }
  async forbidOthersAudio(): Promise<void> {
    return unsupported('media access control');
  }
  async permitOthersAudio(): Promise<void> {
    return unsupported('media access control');
  }
  async forbidVideo(_userIds: string[]): Promise<void> {
    return unsupported('media access control');
  }
  async permitVideo(_userIds: string[]): Promise<void> {
    return unsupported('media access control');
  }
  async forbidOthersVideo(): Promise<void> {
    return unsupported('media access control');
  }
  async permitOthersVideo(): Promise<void> {
    return unsupported('media access control');
  }
  async sendRealTimeText(_text: string, _isFinalized: boolean): Promise<void> {
    return unsupported('real-time text');
  }
}

async function unsupported(operation: string): Promise<never> {
  await Promise.resolve();
  throw new UnsupportedInLocalModeError(operation);
}

function toLobbyEntry(p: Participant): LobbyEntry {
  return { id: p.id, identity: p.identity, displayName: p.displayName, external: p.external };
}

function toCandidate(c: RTCIceCandidateInit) {
  return {
    candidate: c.candidate ?? '',
    ...(c.sdpMid !== undefined ? { sdpMid: c.sdpMid } : {}),
    ...(c.sdpMLineIndex !== undefined ? { sdpMLineIndex: c.sdpMLineIndex } : {}),
    ...(c.usernameFragment !== undefined ? { usernameFragment: c.usernameFragment } : {}),
  };
}

/**
 * `participantsJoined`/`participantsLeft` carry Calling SDK `RemoteParticipant` objects in Azure mode.
 * There is no SDK object locally: this carries the fields app code reads (identifier, displayName,
 * state, isMuted, isSpeaking); methods and feature accessors are absent.
 */
function toRemoteParticipant(p: Participant): RemoteParticipant {
  return {
    identifier: toIdentifier(p.identity),
    displayName: p.displayName,
    state: p.state,
    isMuted: p.muted,
    isSpeaking: p.speaking,
    role: p.role === 'organizer' ? 'Organizer' : p.role === 'presenter' ? 'Presenter' : 'Attendee',
    videoStreams: [],
  } as unknown as RemoteParticipant;
}

export type { AdapterError };
