/**
 * One call of the local adapter, from `joinCall` to its end page: starts the microphone and camera,
 * connects to the emulator's calling service (signalling.ts), turns its messages into state (who is
 * there, who waits in the lobby, how the call ended), and wires the WebRTC mesh (mesh.ts): remote
 * tracks become views (stream-views.ts) and audio (audio.ts), local tracks go to every peer.
 *
 * A drop of the socket resumes as the same participant; an emulator restart (1012) rejoins afresh.
 * `joinSeq` guards every await: a join abandoned by leave/dispose while a device was starting must
 * not go on to connect.
 *
 * Longer than the ~400 lines aimed for: the signalling client, the mesh, our participant id and the
 * join sequence are one state machine, and each handler below relies on all four being consistent;
 * split across files, that invariant would have no single place to be read or kept.
 */
import type { VideoDeviceInfo } from '@azure/communication-calling';
import type { JoinCallOptions } from '@azure/communication-react';
import type { RemoteParticipant } from '@azure/communication-calling';
import {
  END,
  type ClientMessage,
  type MeetingLocator,
  type Participant,
  type ServerMessage,
} from '@/lib/contracts/calling-protocol';
import type { RemoteAudio } from './audio';
import { ChatChannel, isChatFrame } from './chat-channel';
import { LocalAdapterError } from './errors';
import { mayActOnLobby } from './host-actions';
import type { LocalMedia } from './media';
import { Mesh, type PeerStats, type TrackKind } from './mesh';
import type { Roster } from './roster';
import { SignallingClient, type SignallingOptions, type WebSocketFactory } from './signalling';
import { flatId, hasCallCamera, toIdentifier } from './state';
import type { AdapterNotice, AdapterStore, LobbyEntry } from './store';
import type { StreamViews } from './stream-views';

export interface CallSessionOptions {
  callingUrl: string;
  displayName: string;
  meeting: MeetingLocator;
  getToken: () => Promise<string>;
  iceServers?: RTCIceServer[];
  createSocket?: WebSocketFactory;
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  createMediaStream?: (tracks: MediaStreamTrack[]) => MediaStream;
  signalling?: Pick<
    SignallingOptions,
    'pingIntervalMs' | 'backoffInitialMs' | 'backoffMaxMs' | 'resumeGraceMs' | 'random'
  >;
}

type HostMessage = Extract<ClientMessage, { type: 'lobby.admit' | 'lobby.reject' | 'remove' }>;
type LocalStateMessage = Extract<ClientMessage, { type: 'state' }>;

export class CallSession {
  private signalling: SignallingClient | undefined;
  private mesh: Mesh | undefined;
  private selfId: string | undefined;
  private speaking = false;
  private joinSeq = 0;
  private restarted = false;
  private disposed = false;
  /** Peers whose media connection failed (an ICE restart is under way), and the notice saying so. */
  private readonly failedPeers = new Set<string>();
  private mediaNotice: AdapterNotice | undefined;
  /** The meeting chat's frames on this call's socket (lib/chat/local reads and writes them). */
  readonly chat = new ChatChannel((frame) => this.signalling?.send(frame) ?? false);

  constructor(
    private readonly options: CallSessionOptions,
    private readonly store: AdapterStore,
    private readonly media: LocalMedia,
    private readonly views: StreamViews,
    private readonly audio: RemoteAudio,
    private readonly roster: Roster,
    /** Local screen share off (the service stopped it, or a rejoin may land in the lobby). */
    private readonly stopScreenShare: () => Promise<void>,
  ) {}

  // ---------------------------------------------------------------- join / leave

  join(options?: boolean | JoinCallOptions): void {
    if (this.disposed) throw new LocalAdapterError('Call.join', 'The call adapter was disposed.');
    const state = this.store.state;
    const current = state.call?.state;
    if (current && current !== 'None' && current !== 'Disconnected')
      throw new LocalAdapterError('Call.join', 'You are already in the call!');
    let microphoneOn = state.isLocalPreviewMicrophoneEnabled;
    let cameraOn = state.cameraStatus === 'On';
    if (typeof options === 'boolean') microphoneOn = options;
    else if (options) {
      if (typeof options.microphoneOn === 'boolean') microphoneOn = options.microphoneOn;
      if (typeof options.cameraOn === 'boolean') cameraOn = options.cameraOn;
    }
    const camera = cameraOn ? state.devices.selectedCamera : undefined;
    const seq = ++this.joinSeq;
    this.restarted = false;
    this.store.dispatch({ type: 'call.connecting', callId: `local-pending-${seq}`, muted: !microphoneOn, camera });
    this.store.setExtras({ notice: undefined, lobby: [], connection: 'connecting' });
    void this.connect(seq, microphoneOn, camera);
  }

  /** Leaves; `forEveryone` from an organizer ends the meeting for all (the service decides who may). */
  leave(forEveryone = false): void {
    if (!this.store.state.call) return;
    this.store.dispatch({ type: 'call.disconnecting' });
    this.signalling?.send({ type: 'leave', forEveryone });
    this.end(END.left.code, END.left.subCode);
    // Like the Azure adapter: after leaving, camera off and microphone off for the next join.
    this.store.dispatch({ type: 'local.microphoneEnabled', enabled: false });
  }

  /** Leaves the call (if any) and stops for good. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    if (this.store.state.call) {
      this.signalling?.send({ type: 'leave' });
      this.end(END.left.code, END.left.subCode);
    }
    this.disposed = true;
    this.joinSeq += 1;
    this.signalling?.close();
    this.signalling = undefined;
    this.mesh?.close();
    this.audio.dispose();
  }

  /**
   * Leaves when the page goes away (reload, closed tab): otherwise the server keeps this participant
   * as "reconnecting" for the resume grace, and its expiry would later tear down the tile of the same
   * person's new session. `leave` goes out synchronously while the page is still there.
   */
  leaveOnPageHide(page: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | undefined): () => void {
    const onPageHide = () => this.leave();
    page?.addEventListener('pagehide', onPageHide);
    return () => page?.removeEventListener('pagehide', onPageHide);
  }

  private async connect(seq: number, microphoneOn: boolean, camera: VideoDeviceInfo | undefined): Promise<void> {
    try {
      await this.media.startMicrophone(this.store.state.devices.selectedMicrophone?.id, microphoneOn);
      // Left (or disposed) while getUserMedia was pending: release the microphone it just opened
      // instead of keeping it live, and do not start the speaking detector (AudioContext + interval).
      if (seq !== this.joinSeq) return this.releaseAbandonedMedia();
      // Muted (or unmuted) while the microphone was starting: the track must follow the current
      // state, not the one at joinCall, or the UI and peers show "muted" over a live microphone.
      this.media.setMicrophoneEnabled(!(this.store.state.call?.isMuted ?? true));
      this.startSpeakingDetector();
    } catch (error) {
      if (seq !== this.joinSeq) return;
      this.store.dispatch({ type: 'local.muted', muted: true });
      this.store.reportError('Call.join', 'The microphone is not available: joining muted.', error);
    }
    if (seq !== this.joinSeq) return;
    if (camera) {
      try {
        await this.media.startCamera(camera.id);
        if (seq !== this.joinSeq) return this.releaseAbandonedMedia();
        // Camera turned off while it was starting: stop it again (the light must go off).
        if (!hasCallCamera(this.store.state) && this.store.state.devices.unparentedViews.length === 0)
          this.media.stopCamera();
      } catch (error) {
        if (seq !== this.joinSeq) return;
        this.store.dispatch({ type: 'local.camera', camera: undefined });
        this.store.reportError('Call.startVideo', 'The camera is not available: joining with video off.', error);
      }
    }
    if (seq !== this.joinSeq || this.disposed) return;
    this.startSignalling();
  }

  private startSignalling(): void {
    const signalling = new SignallingClient({
      url: this.options.callingUrl,
      createSocket: this.options.createSocket,
      ...this.options.signalling,
      join: async () => ({
        token: await this.options.getToken(),
        meeting: this.options.meeting,
        displayName: this.store.state.displayName ?? this.options.displayName,
        state: { muted: this.store.state.call?.isMuted ?? true, cameraOn: hasCallCamera(this.store.state) },
      }),
    });
    this.signalling = signalling;
    const current = () => this.signalling === signalling;
    signalling.on('message', (m) => {
      if (current()) this.onServerMessage(m);
    });
    signalling.on('status', (status) => {
      if (!current()) return;
      if (status === 'reconnecting') {
        this.store.dispatch({ type: 'call.reconnecting' });
        this.store.emit('diagnosticChanged', {
          type: 'network',
          diagnostic: 'networkReconnect',
          value: 3,
          valueType: 'DiagnosticQuality',
        });
        this.store.setExtras({
          connection: 'reconnecting',
          notice: {
            kind: 'warning',
            message: this.restarted
              ? 'The meeting service restarted — rejoining…'
              : 'Connection to the meeting lost — reconnecting…',
          },
        });
      } else if (status === 'connecting') {
        this.store.setExtras({ connection: 'connecting' });
      }
    });
    signalling.on('restarted', () => {
      if (!current()) return;
      this.restarted = true;
      this.dropAllPeers();
      // The rejoin is a new participant that may land in the lobby, where screen sharing is refused
      // (and would make the server reject the whole full-state frame): stop presenting.
      void this.stopScreenShare();
      this.store.setExtras({ notice: { kind: 'warning', message: 'The meeting service restarted — rejoining…' } });
    });
    signalling.on('lost', ({ code, reason }) => {
      if (!current()) return;
      const policy = code === 1000;
      this.end(policy ? 403 : 0, 0, !policy);
      this.store.setExtras({
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
    const call = this.store.state.call;
    if (!this.disposed && call && call.state !== 'Disconnected' && call.state !== 'None') return;
    this.media.stopMicrophone(); // also stops the speaking detector
    if (this.disposed || this.store.state.devices.unparentedViews.length === 0) this.media.stopCamera();
  }

  /** Tears the call down and moves to the end page for (code, subCode). */
  private end(code: number, subCode: number, noNetwork = false): void {
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
    if (this.store.state.devices.unparentedViews.length > 0) this.store.dispatch({ type: 'preview.stopped' });
    this.store.dispatch({ type: 'call.ended', code, subCode, noNetwork });
    this.store.setExtras({ lobby: [], connection: 'closed' });
  }

  // ---------------------------------------------------------------- what other parts send

  /** Sends a host action or a local state change; false when not connected (nothing is queued). */
  send(message: HostMessage | LocalStateMessage): boolean {
    return this.signalling?.send(message) ?? false;
  }

  /** What every peer receives as `kind` (null: nothing). */
  async setTrack(kind: TrackKind, track: MediaStreamTrack | null): Promise<void> {
    await this.mesh?.setTrack(kind, track);
  }

  startSpeakingDetector(): void {
    this.media.startSpeakingDetector((speaking) => {
      if (this.speaking === speaking) return;
      this.speaking = speaking;
      this.signalling?.send({ type: 'state', speaking });
      this.store.emit('isSpeakingChanged', { identifier: this.store.state.userId, isSpeaking: speaking });
    });
  }

  /** Plays remote audio the browser refused to autoplay; call it from a click. */
  async resumeAudio(): Promise<void> {
    await this.audio.resume();
  }

  /** Inbound RTP per remote participant, keyed by the participant's flat identifier. */
  async stats(): Promise<Record<string, PeerStats & { participantId: string }>> {
    const raw = (await this.mesh?.stats()) ?? {};
    const out: Record<string, PeerStats & { participantId: string }> = {};
    for (const [participantId, stats] of Object.entries(raw)) {
      const p = this.roster.get(participantId);
      out[p ? flatId(toIdentifier(p.identity)) : participantId] = { ...stats, participantId };
    }
    return out;
  }

  // ---------------------------------------------------------------- server messages

  private onServerMessage(message: ServerMessage): void {
    if (isChatFrame(message)) return this.chat.deliver(message);
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
        this.store.setExtras({ lobby: message.lobby.map(toLobbyEntry) });
        return;
      case 'signal':
        this.mesh?.handleSignal(message.from, {
          ...(message.description ? { description: message.description } : {}),
          ...(message.candidate !== undefined ? { candidate: message.candidate } : {}),
        });
        return;
      case 'ended':
        this.end(message.code, message.subCode);
        this.store.setExtras({
          notice:
            message.subCode === END.left.subCode && message.code === 0
              ? undefined
              : { kind: 'info', message: message.reason },
        });
        return;
      case 'error':
        console.warn(`[vestibule call] the calling service refused a message: ${message.code}: ${message.message}`);
        if (message.code === 'not_allowed')
          this.store.setExtras({ notice: { kind: 'warning', message: message.message } });
        return;
      case 'pong':
        return;
    }
  }

  private onJoined(message: Extract<ServerMessage, { type: 'joined' }>): void {
    // Presenting and managing the lobby are separate in Teams: external guests may present (share
    // their screen) but only the organization's organizers and presenters admit people.
    const isHost = mayActOnLobby(message.self);
    if (message.resumed && this.mesh && this.selfId === message.self.id) return this.onResumed(message);
    this.dropAllPeers();
    this.mesh?.close();
    this.selfId = message.self.id;
    this.mesh = this.createMesh(message.self.id);
    for (const p of message.participants) this.roster.set(p);
    const previousCallId = this.store.state.call?.id;
    this.store.dispatch({ type: 'call.reconnected' });
    this.store.dispatch({
      type: 'call.joined',
      callId: message.callId,
      state: message.self.state,
      role: message.self.role,
      participants: message.participants,
    });
    if (previousCallId !== message.callId) this.store.emit('callIdChanged', { callId: message.callId });
    // The preview hands its camera over to the call: the composite asks for the call's local view.
    if (this.store.state.devices.unparentedViews.length > 0) this.views.disposePreview();
    // The camera track may have started after the composite last asked for a local view: make it now
    // (idempotent; the composite reads the target back from state).
    if (hasCallCamera(this.store.state)) this.views.createLocalView();
    if (message.self.state === 'Connected') this.connectPeers();
    const notice: AdapterNotice | undefined = this.restarted
      ? { kind: 'info', message: 'The meeting service restarted; you have rejoined the meeting.' }
      : isHost
        ? { kind: 'info', message: `You joined as ${message.self.role}: you can admit people waiting in the lobby.` }
        : undefined;
    this.restarted = false;
    this.store.setExtras({
      role: message.self.role,
      isHost,
      lobby: message.lobby.map(toLobbyEntry),
      connection: 'connected',
      notice,
    });
    this.sendFullState();
    this.emitJoined(message.participants);
  }

  /** The same participant after a dropped socket. */
  private onResumed(message: Extract<ServerMessage, { type: 'joined' }>): void {
    const mesh = this.mesh;
    if (!mesh) return;
    if (message.self.state === 'Connected' && this.store.state.call?.state === 'InLobby') {
      // Admitted while our socket was down: the `admitted` frame went to the dead socket, so the
      // resumed `joined` (self Connected) is the only news of it. Take the admitted path now.
      this.store.dispatch({ type: 'call.reconnected' });
      this.store.setExtras({ connection: 'connected', lobby: message.lobby.map(toLobbyEntry) });
      this.onAdmitted(message.self, message.participants);
      return;
    }
    // Reconcile who is there; peer connections carry on.
    const present = new Set(message.participants.map((p) => p.id));
    for (const id of this.roster.ids()) if (!present.has(id)) this.onParticipantLeft(id, 'dropped');
    for (const p of message.participants) this.onParticipant(p, false);
    this.store.dispatch({ type: 'call.reconnected' });
    this.store.setExtras({ connection: 'connected', notice: undefined, lobby: message.lobby.map(toLobbyEntry) });
    this.sendFullState();
    // Offers, answers and ICE candidates sent while the socket was down were lost (send() drops
    // them, the server refuses signals to a reconnecting member): renegotiate with everyone.
    mesh.renegotiate();
  }

  /** InLobby → Connected: from `admitted`, or from a resumed `joined` when `admitted` was missed. */
  private onAdmitted(self: Participant, participants: Participant[]): void {
    this.selfId = self.id;
    for (const p of participants) this.roster.set(p);
    this.store.dispatch({ type: 'call.admitted', participants });
    this.connectPeers();
    this.emitJoined(participants);
    this.store.setExtras({ notice: undefined });
    // The full state sent on joining was for a lobby member (screen sharing refused, state not
    // relayed): send it again now that peers see us.
    this.sendFullState();
  }

  /** `renegotiate`: false while reconciling after our own resume (which renegotiates with everyone). */
  private onParticipant(p: Participant, renegotiate = true): void {
    if (p.id === this.selfId) {
      // The service stopped our screen share (someone else took over): follow it.
      if (!p.screenSharing && this.store.state.call?.isScreenSharingOn) void this.stopScreenShare();
      return;
    }
    const previous = this.roster.get(p.id);
    this.roster.set(p);
    // A stale id for someone who has rejoined (see Roster.currentFor): it must not overwrite their tile.
    if (this.roster.currentFor(p.identity) !== p) return;
    this.store.dispatch({ type: 'participant.upsert', participant: p });
    const identifier = toIdentifier(p.identity);
    if (!previous || (previous.state !== 'Connected' && p.state === 'Connected')) {
      if (p.state === 'Connected') this.emitJoined([p]);
    } else {
      if (previous.muted !== p.muted) this.store.emit('isMutedChanged', { identifier, isMuted: p.muted });
      if (previous.speaking !== p.speaking)
        this.store.emit('isSpeakingChanged', { identifier, isSpeaking: p.speaking });
      if (previous.displayName !== p.displayName)
        this.store.emit('displayNameChanged', { participantId: identifier, displayName: p.displayName });
    }
    if (p.state === 'Connected' && this.store.state.call?.state === 'Connected') this.mesh?.addPeer(p.id);
    // The peer's socket came back: whatever we signalled to it meanwhile was refused by the server
    // (and its frames to us were lost), so restart negotiation with it.
    if (renegotiate && previous?.reconnecting && !p.reconnecting) this.mesh?.renegotiate(p.id);
    // Screen share takeover is the server's call: it tells the previous sharer (us) with a
    // participant.updated for self (handled above). Stopping ours whenever someone else starts would
    // stop both of two near-simultaneous starts.
    if (!p.cameraOn) this.views.disposeRemoteView(p.identity, 'camera');
    if (!p.screenSharing) this.views.disposeRemoteView(p.identity, 'screen');
  }

  private onParticipantLeft(participantId: string, reason: 'left' | 'removed' | 'dropped' | 'denied'): void {
    const p = this.roster.get(participantId);
    this.mesh?.removePeer(participantId);
    this.audio.detach(participantId);
    this.roster.delete(participantId);
    this.onPeerConnectionState(participantId, 'closed');
    if (!p) return;
    // The same person is still here under a newer id (reload; the old id's grace ran out): their
    // tile, views and state belong to the new id.
    if (this.roster.currentFor(p.identity)) return;
    this.views.disposeRemoteView(p.identity, 'camera');
    this.views.disposeRemoteView(p.identity, 'screen');
    this.store.dispatch({ type: 'participant.left', identity: p.identity, reason });
    if (p.state === 'Connected') this.store.emit('participantsLeft', { removed: [toRemoteParticipant(p)] });
  }

  private dropAllPeers(): void {
    for (const id of this.roster.ids()) this.onParticipantLeft(id, 'dropped');
    for (const id of this.mesh?.peerIds ?? []) this.mesh?.removePeer(id);
  }

  private connectPeers(): void {
    for (const p of this.roster.values()) if (p.state === 'Connected') this.mesh?.addPeer(p.id);
  }

  private emitJoined(list: Participant[]): void {
    const joined = list.filter((p) => p.state === 'Connected').map(toRemoteParticipant);
    if (joined.length > 0) this.store.emit('participantsJoined', { joined });
  }

  // ---------------------------------------------------------------- mesh wiring

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
      onConnectionState: (peerId, state) => this.onPeerConnectionState(peerId, state),
    });
    const call = this.store.state.call;
    void mesh.setTrack('audio', this.media.microphoneTrack ?? null);
    void mesh.setTrack('camera', hasCallCamera(this.store.state) ? (this.media.cameraTrack ?? null) : null);
    void mesh.setTrack('screen', call?.isScreenSharingOn ? (this.media.screenTrack ?? null) : null);
    return mesh;
  }

  private onRemoteStream(peerId: string, kind: TrackKind, stream: MediaStream | undefined): void {
    const streams = this.roster.setStream(peerId, kind, stream);
    const p = this.roster.get(peerId);
    if (kind === 'audio') {
      if (stream) this.audio.attach(peerId, stream);
      else this.audio.detach(peerId);
      return;
    }
    // Streams of a stale id (its connection closing after the person rejoined) must not replace the
    // current id's video: views are keyed by identity.
    if (!p || this.roster.currentFor(p.identity) !== p) return;
    this.views.updateRemoteStream(p.identity, kind, stream);
    this.store.dispatch({
      type: 'participant.media',
      participant: p,
      receiving: { camera: !!streams.camera, screen: !!streams.screen },
    });
  }

  /**
   * A failed peer connection means no sound or picture from that person while the mesh restarts ICE:
   * say so (the call page shows the notice) instead of leaving a silent, frozen tile unexplained, and
   * take the notice back once every connection works again.
   */
  private onPeerConnectionState(peerId: string, state: RTCPeerConnectionState): void {
    if (state === 'failed') this.failedPeers.add(peerId);
    else if (state === 'connected' || state === 'closed') this.failedPeers.delete(peerId);
    else return;
    if (this.failedPeers.size > 0) {
      const names = [...this.failedPeers].map((id) => this.roster.get(id)?.displayName ?? 'a participant');
      this.mediaNotice = {
        kind: 'warning',
        message: `No audio or video from ${names.join(', ')}: the connection failed, trying again…`,
      };
      this.store.setExtras({ notice: this.mediaNotice });
    } else if (this.mediaNotice) {
      if (this.store.extras.notice === this.mediaNotice) this.store.setExtras({ notice: undefined });
      this.mediaNotice = undefined;
    }
  }

  /** Everything about us the others see, in one frame (after joining, resuming, being admitted). */
  private sendFullState(): void {
    const call = this.store.state.call;
    if (!call) return;
    this.signalling?.send({
      type: 'state',
      muted: call.isMuted,
      cameraOn: hasCallCamera(this.store.state),
      screenSharing: call.isScreenSharingOn,
      speaking: this.speaking,
      handRaised: !!call.raiseHand.localParticipantRaisedHand,
    });
  }
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
