/**
 * `LocalCallAdapter`: the UI Library's `CallAdapter` over browser WebRTC, signalled by the
 * emulator's calling service. Lets the unmodified `CallComposite` hold a local Teams-style meeting.
 * This class only assembles the parts and delegates to them:
 *
 *   store.ts           state (`CallAdapterState` via the reducer in state.ts), extras, events
 *   devices.ts         permission, device lists, selection, hot-plug
 *   call-session.ts    join, connect, server messages, participants, mesh wiring, leave
 *   local-controls.ts  own camera, microphone, screen share, raised hand
 *   stream-views.ts    video views for the composite (over views.ts)
 *   host-actions.ts    admit / deny / remove
 *   unsupported.ts     what the local cloud lacks, rejected from one table
 *   signalling.ts, mesh.ts, media.ts, audio.ts, roster.ts: the pieces those use
 *
 * Host actions the 1.34 adapter interface lacks (admit, deny, remove), adapter-level notices and the
 * blocked-audio prompt live in `extras` (`getExtras`/`onExtrasChange`).
 */
import type { CommunicationIdentifier } from '@azure/communication-common';
import type {
  AudioDeviceInfo,
  Call,
  DeviceAccess,
  PermissionConstraints,
  VideoDeviceInfo,
} from '@azure/communication-calling';
import type {
  CallAdapter,
  CallAdapterState,
  CreateVideoStreamViewResult,
  JoinCallOptions,
  VideoBackgroundEffect,
  VideoBackgroundImage,
  VideoStreamOptions,
} from '@azure/communication-react';
import type { MeetingLocator } from '@/lib/contracts/calling-protocol';
import { RemoteAudio, type AudioSinkFactory } from './audio';
import { CallSession, type CallSessionOptions } from './call-session';
import type { ChatChannel } from './chat-channel';
import { Devices } from './devices';
import { HostActions } from './host-actions';
import { LocalControls } from './local-controls';
import { LocalMedia } from './media';
import type { PeerStats } from './mesh';
import { Roster } from './roster';
import type { WebSocketFactory } from './signalling';
import { flatId, toIdentifier } from './state';
import { AdapterStore, type LocalCallExtras } from './store';
import { LOCAL_ADAPTER_BRAND } from './brand';
import { StreamViews } from './stream-views';
import { UnsupportedInLocalMode } from './unsupported';
import { ViewRegistry, type ViewFactory } from './views';

export type { AdapterNotice, LobbyEntry, LocalCallExtras } from './store';
export { NO_LOCAL_EXTRAS } from './brand';

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
  signalling?: CallSessionOptions['signalling'];
  /** Where `pagehide` is heard (default `window` in a browser; `null` for none). */
  pageEvents?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
}

/** Debug snapshot for e2e tests (`window.__vestibuleCall` in local mode). */
export interface LocalCallDebug {
  readonly state: CallAdapterState;
  readonly extras: LocalCallExtras;
  /** Inbound RTP per remote participant, keyed by the participant's flat identifier. */
  stats(): Promise<Record<string, PeerStats & { participantId: string }>>;
}

type Listener = (...args: never[]) => void;

export class LocalCallAdapter extends UnsupportedInLocalMode implements CallAdapter {
  /** See brand.ts: lets the call components recognise this adapter without importing it. */
  readonly [LOCAL_ADAPTER_BRAND] = true;
  private readonly store: AdapterStore;
  private readonly media: LocalMedia;
  private readonly views: StreamViews;
  private readonly session: CallSession;
  private readonly devices: Devices;
  private readonly controls: LocalControls;
  private readonly host: HostActions;
  private readonly stopWatching: (() => void)[];
  private disposed = false;

  constructor(options: LocalCallAdapterOptions) {
    super();
    const store = new AdapterStore({ userId: options.userId, displayName: options.displayName });
    const media = options.media ?? new LocalMedia();
    const roster = new Roster();
    const newStream = options.createMediaStream ?? ((tracks: MediaStreamTrack[]) => new MediaStream(tracks));
    const views = new StreamViews(
      store,
      media,
      roster,
      new ViewRegistry(options.viewFactory),
      flatId(toIdentifier(options.userId)),
      newStream,
    );
    const audio = new RemoteAudio(options.audioSinkFactory, (audioBlocked) => store.setExtras({ audioBlocked }));
    const session = new CallSession(options, store, media, views, audio, roster, () => this.controls.stopScreenShare());
    this.store = store;
    this.media = media;
    this.views = views;
    this.session = session;
    this.devices = new Devices(store, media, views, audio, session, () => this.disposed);
    this.controls = new LocalControls(store, media, views, session, () => this.devices.queryCameras());
    this.host = new HostActions(store, roster, (message) => session.send(message));
    const page =
      options.pageEvents === undefined
        ? typeof window !== 'undefined'
          ? window
          : undefined
        : (options.pageEvents ?? undefined);
    this.stopWatching = [this.devices.watchHotPlug(), session.leaveOnPageHide(page)];
  }

  // ---------------------------------------------------------------- state and events

  getState(): CallAdapterState {
    return this.store.state;
  }

  /** The meeting chat's frames on this call's socket, for the local ChatAdapter (lib/chat/local). */
  chatChannel(): ChatChannel {
    return this.session.chat;
  }

  onStateChange(handler: (state: CallAdapterState) => void): void {
    this.store.on('stateChanged', handler as (...args: unknown[]) => void);
  }

  offStateChange(handler: (state: CallAdapterState) => void): void {
    this.store.off('stateChanged', handler as (...args: unknown[]) => void);
  }

  getExtras(): LocalCallExtras {
    return this.store.extras;
  }

  onExtrasChange(handler: (extras: LocalCallExtras) => void): void {
    this.store.on('extrasChanged', handler as (...args: unknown[]) => void);
  }

  offExtrasChange(handler: (extras: LocalCallExtras) => void): void {
    this.store.off('extrasChanged', handler as (...args: unknown[]) => void);
  }

  on(event: string, listener: Listener): void {
    this.store.on(event, listener as (...args: unknown[]) => void);
  }

  off(event: string, listener: Listener): void {
    this.store.off(event, listener as (...args: unknown[]) => void);
  }

  /** Read-only snapshot for tests and debugging. */
  debug(): LocalCallDebug {
    return { state: this.store.state, extras: this.store.extras, stats: () => this.session.stats() };
  }

  // ---------------------------------------------------------------- devices

  askDevicePermission(constrain: PermissionConstraints): Promise<DeviceAccess> {
    return this.devices.askDevicePermission(constrain);
  }
  queryCameras(): Promise<VideoDeviceInfo[]> {
    return this.devices.queryCameras();
  }
  queryMicrophones(): Promise<AudioDeviceInfo[]> {
    return this.devices.queryMicrophones();
  }
  querySpeakers(): Promise<AudioDeviceInfo[]> {
    return this.devices.querySpeakers();
  }
  setCamera(sourceInfo: VideoDeviceInfo, options?: VideoStreamOptions): Promise<void> {
    return this.devices.setCamera(sourceInfo, options);
  }
  setMicrophone(sourceInfo: AudioDeviceInfo): Promise<void> {
    return this.devices.setMicrophone(sourceInfo);
  }
  setSpeaker(sourceInfo: AudioDeviceInfo): Promise<void> {
    return this.devices.setSpeaker(sourceInfo);
  }

  // ---------------------------------------------------------------- the call

  joinCall(microphoneOn?: boolean): Call | undefined;
  joinCall(options?: JoinCallOptions): Call | undefined;
  /** There is no Calling SDK `Call` locally: always undefined (the composite does not use it). */
  joinCall(options?: boolean | JoinCallOptions): Call | undefined {
    this.session.join(options);
    return undefined;
  }

  /** `forEveryone`: an organizer ends the meeting for all; for anyone else the service treats it as leaving. */
  async leaveCall(forEveryone?: boolean): Promise<void> {
    this.session.leave(forEveryone);
    await Promise.resolve();
  }

  /**
   * Plays remote audio the browser refused to start without a user gesture (`extras.audioBlocked`).
   * Call it from the click handler of the "Click to enable sound" prompt.
   */
  resumeAudio(): Promise<void> {
    return this.session.resumeAudio();
  }

  // ---------------------------------------------------------------- own media

  startCamera(options?: VideoStreamOptions): Promise<void> {
    return this.controls.startCamera(options);
  }
  stopCamera(): Promise<void> {
    return this.controls.stopCamera();
  }
  mute(): Promise<void> {
    return this.controls.mute();
  }
  unmute(): Promise<void> {
    return this.controls.unmute();
  }
  startScreenShare(): Promise<void> {
    return this.controls.startScreenShare();
  }
  stopScreenShare(): Promise<void> {
    return this.controls.stopScreenShare();
  }
  raiseHand(): Promise<void> {
    return this.controls.raiseHand();
  }
  lowerHand(): Promise<void> {
    return this.controls.lowerHand();
  }

  // ---------------------------------------------------------------- views

  createStreamView(remoteUserId?: string, options?: VideoStreamOptions): Promise<void | CreateVideoStreamViewResult> {
    return this.views.createStreamView(remoteUserId, options);
  }
  disposeStreamView(remoteUserId?: string): Promise<void> {
    return this.views.disposeStreamView(remoteUserId);
  }
  disposeScreenShareStreamView(remoteUserId: string): Promise<void> {
    return this.views.disposeScreenShareStreamView(remoteUserId);
  }
  disposeRemoteVideoStreamView(remoteUserId: string): Promise<void> {
    return this.views.disposeRemoteVideoStreamView(remoteUserId);
  }
  disposeLocalVideoStreamView(): Promise<void> {
    return this.views.disposeLocalVideoStreamView();
  }

  /** Stores the picker images in state (UI only; applying an effect is not supported locally). */
  updateBackgroundPickerImages(backgroundImages: VideoBackgroundImage[]): void {
    this.store.patchState({ videoBackgroundImages: backgroundImages });
  }
  /** Stores the selection in state (UI only; applying an effect is not supported locally). */
  updateSelectedVideoBackgroundEffect(selectedVideoBackground: VideoBackgroundEffect): void {
    this.store.patchState({ selectedVideoBackgroundEffect: selectedVideoBackground });
  }

  // ---------------------------------------------------------------- host actions (local extras)

  /** Admits people from the lobby (organizers and presenters); false (with a notice) when not sent. */
  admit(participantIds: string[] | 'all'): boolean {
    return this.host.admit(participantIds);
  }
  /** Denies a person in the lobby: their join ends with subCode 5854. */
  reject(participantId: string): boolean {
    return this.host.reject(participantId);
  }
  /** Removes a participant by per-call participant id. */
  remove(participantId: string): boolean {
    return this.host.remove(participantId);
  }
  removeParticipant(userId: string): Promise<void>;
  removeParticipant(participant: CommunicationIdentifier): Promise<void>;
  removeParticipant(participant: string | CommunicationIdentifier): Promise<void> {
    return this.host.removeParticipant(participant);
  }

  // ---------------------------------------------------------------- dispose

  /** Leaves the call and releases everything; safe to call twice (React StrictMode). */
  dispose(): void {
    if (this.disposed) return;
    this.session.dispose();
    this.disposed = true;
    this.views.disposeAll();
    for (const stop of this.stopWatching) stop();
    this.media.dispose();
    this.store.removeAllListeners();
  }
}
