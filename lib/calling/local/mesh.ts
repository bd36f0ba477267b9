/**
 * The WebRTC mesh: one RTCPeerConnection per Connected peer, negotiated with "perfect negotiation"
 * (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example) so glare cannot wedge a pair.
 *
 * Roles: the **polite** peer is the one whose participant id is lexically greater; it yields on an
 * offer collision. The impolite (lower-id) peer is also the only one that creates transceivers.
 *
 * Track mapping — by transceiver order, which is the m-line order and the `mid` order:
 *   m-line 0 (mid "0") = microphone audio, 1 (mid "1") = camera video, 2 (mid "2") = screen video.
 * The lower-id peer adds exactly these three `sendrecv` transceivers, in this order, when the pair is
 * created; the higher-id peer adds none and gets the same three from the offer, in the same order. Both
 * then only ever `replaceTrack` on the senders (camera on/off, device switch, screen share start/stop),
 * so no renegotiation is needed after the first offer/answer. A sender without a track sends nothing;
 * whether a video is "on" comes from participant state (`cameraOn`, `screenSharing`), not from the
 * track. Renegotiation only happens for an ICE restart: after a failure, and (`renegotiate`) after a
 * signalling outage, because offers/answers/candidates sent while a socket was down are lost for good.
 *
 * ICE: no STUN/TURN is needed between browsers on one machine (host candidates); `iceServers` is
 * accepted for anything else.
 */

export type TrackKind = 'audio' | 'camera' | 'screen';
const TRACK_ORDER: readonly TrackKind[] = ['audio', 'camera', 'screen'];

interface SignalPayload {
  description?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit | null;
}

export interface PeerStats {
  connectionState: RTCPeerConnectionState;
  audioBytesReceived: number;
  /**
   * `totalAudioEnergy` of the inbound audio: it rises only with sound that is played out. Bytes alone
   * prove nothing (a muted sender still sends silence frames).
   */
  audioEnergy: number;
  videoFramesDecoded: number;
  screenFramesDecoded: number;
}

interface MeshOptions {
  selfId: string;
  iceServers?: RTCIceServer[];
  send(to: string, payload: SignalPayload): void;
  /** A remote track arrived (or, with `undefined`, went away) for a peer. */
  onRemoteStream(peerId: string, kind: TrackKind, stream: MediaStream | undefined): void;
  /** The peer connection's state changed ('failed' is followed by an ICE restart). */
  onConnectionState?(peerId: string, state: RTCPeerConnectionState): void;
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  createMediaStream?: (tracks: MediaStreamTrack[]) => MediaStream;
}

interface Peer {
  pc: RTCPeerConnection;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  /** Signals are applied one at a time, in order. */
  queue: Promise<void>;
  streams: Partial<Record<TrackKind, MediaStream>>;
}

export class Mesh {
  private readonly peers = new Map<string, Peer>();
  private readonly local: Record<TrackKind, MediaStreamTrack | null> = { audio: null, camera: null, screen: null };
  private closed = false;

  constructor(private readonly options: MeshOptions) {}

  get peerIds(): string[] {
    return [...this.peers.keys()];
  }

  /** Creates the connection to a peer (idempotent). The lower id starts the negotiation. */
  addPeer(peerId: string): void {
    if (this.closed || peerId === this.options.selfId || this.peers.has(peerId)) return;
    const create = this.options.createPeerConnection ?? ((config: RTCConfiguration) => new RTCPeerConnection(config));
    const pc = create({ iceServers: this.options.iceServers ?? [] });
    const peer: Peer = {
      pc,
      polite: this.options.selfId > peerId,
      makingOffer: false,
      ignoreOffer: false,
      queue: Promise.resolve(),
      streams: {},
    };
    this.peers.set(peerId, peer);

    pc.onicecandidate = ({ candidate }) =>
      this.options.send(peerId, { candidate: candidate ? candidate.toJSON() : null });
    pc.onnegotiationneeded = async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        if (pc.localDescription) this.options.send(peerId, { description: pc.localDescription.toJSON() });
      } catch (error) {
        console.warn('[vestibule mesh] offer failed', peerId, error);
      } finally {
        peer.makingOffer = false;
      }
    };
    pc.ontrack = ({ track, transceiver }) => {
      const kind = this.kindOf(pc, transceiver);
      if (!kind) return;
      const make = this.options.createMediaStream ?? ((tracks: MediaStreamTrack[]) => new MediaStream(tracks));
      const stream = make([track]);
      peer.streams[kind] = stream;
      this.options.onRemoteStream(peerId, kind, stream);
      track.onended = () => {
        if (peer.streams[kind] === stream) {
          delete peer.streams[kind];
          this.options.onRemoteStream(peerId, kind, undefined);
        }
      };
    };
    pc.onconnectionstatechange = () => {
      this.options.onConnectionState?.(peerId, pc.connectionState);
      if (pc.connectionState === 'failed') pc.restartIce();
    };

    if (!peer.polite) {
      // The impolite side owns the m-line layout: audio, camera, screen (see the header comment).
      pc.addTransceiver(this.local.audio ?? 'audio', { direction: 'sendrecv' });
      pc.addTransceiver(this.local.camera ?? 'video', { direction: 'sendrecv' });
      pc.addTransceiver(this.local.screen ?? 'video', { direction: 'sendrecv' });
    }
  }

  removePeer(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    closePc(peer.pc);
    for (const kind of TRACK_ORDER) if (peer.streams[kind]) this.options.onRemoteStream(peerId, kind, undefined);
  }

  /** Applies an offer/answer/candidate from a peer; creates the peer if its offer raced ahead of its join. */
  handleSignal(from: string, payload: SignalPayload): void {
    if (this.closed) return;
    if (!this.peers.has(from)) {
      if (payload.description?.type !== 'offer') return;
      this.addPeer(from);
    }
    const peer = this.peers.get(from);
    if (!peer) return;
    peer.queue = peer.queue
      .then(() => this.apply(from, peer, payload))
      .catch((error: unknown) => console.warn('[vestibule mesh] signal failed', from, error));
  }

  private async apply(peerId: string, peer: Peer, { description, candidate }: SignalPayload): Promise<void> {
    const { pc } = peer;
    if (pc.signalingState === 'closed') return;
    if (description) {
      const collision = description.type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
      peer.ignoreOffer = !peer.polite && collision;
      if (peer.ignoreOffer) return;
      await pc.setRemoteDescription(description);
      if (description.type === 'offer') {
        this.configureAnswerer(pc);
        await pc.setLocalDescription();
        if (pc.localDescription) this.options.send(peerId, { description: pc.localDescription.toJSON() });
      }
    } else if (candidate !== undefined) {
      try {
        await pc.addIceCandidate(candidate ?? undefined);
      } catch (error) {
        if (!peer.ignoreOffer) throw error;
      }
    }
  }

  /** On the polite side, the offer created the transceivers: make them send our tracks too. */
  private configureAnswerer(pc: RTCPeerConnection): void {
    pc.getTransceivers().forEach((t, index) => {
      const kind = this.kindOf(pc, t) ?? TRACK_ORDER[index];
      if (!kind) return;
      if (t.direction !== 'sendrecv') t.direction = 'sendrecv';
      const track = this.local[kind];
      if (t.sender.track !== track) void t.sender.replaceTrack(track).catch(() => undefined);
    });
  }

  private kindOf(pc: RTCPeerConnection, transceiver: RTCRtpTransceiver): TrackKind | undefined {
    if (transceiver.mid !== null && /^[0-2]$/.test(transceiver.mid)) return TRACK_ORDER[Number(transceiver.mid)];
    return TRACK_ORDER[pc.getTransceivers().indexOf(transceiver)];
  }

  /**
   * Restarts negotiation with one peer (or all) after signalling frames may have been lost: an offer,
   * answer or ICE candidate sent while our socket or the peer's was down never arrives, and nothing
   * re-sends it, so the pair would stay without media. A pending offer of ours (have-local-offer, its
   * answer may never come) is rolled back first; `restartIce()` then fires `negotiationneeded`, which
   * sends a fresh offer with new ICE credentials (perfect negotiation settles any glare with the
   * peer, which may be doing the same). The polite side that never got the first offer has no
   * transceivers to offer: it waits for the impolite side's fresh offer instead. Runs in the peer's
   * signal queue so it never interleaves with an offer being applied.
   */
  renegotiate(peerId?: string): void {
    if (this.closed) return;
    const targets =
      peerId === undefined
        ? [...this.peers.entries()]
        : this.peers.has(peerId)
          ? [[peerId, this.peers.get(peerId)!] as const]
          : [];
    for (const [id, peer] of targets) {
      peer.queue = peer.queue
        .then(async () => {
          const { pc } = peer;
          if (this.peers.get(id) !== peer || pc.signalingState === 'closed') return;
          if (peer.polite && !pc.remoteDescription) return;
          if (pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
          pc.restartIce();
        })
        .catch((error: unknown) => console.warn('[vestibule mesh] renegotiation failed', id, error));
    }
  }

  /** Sends `track` (or nothing) as the given kind to every peer. */
  async setTrack(kind: TrackKind, track: MediaStreamTrack | null): Promise<void> {
    this.local[kind] = track;
    const jobs: Promise<void>[] = [];
    for (const peer of this.peers.values()) {
      const transceiver = peer.pc
        .getTransceivers()
        .find((t, i) => (this.kindOf(peer.pc, t) ?? TRACK_ORDER[i]) === kind);
      if (transceiver && transceiver.sender.track !== track)
        jobs.push(transceiver.sender.replaceTrack(track).catch(() => undefined));
    }
    await Promise.all(jobs);
  }

  /** Inbound RTP per peer: audio bytes and energy received, video frames decoded (camera and screen apart). */
  async stats(): Promise<Record<string, PeerStats>> {
    const result: Record<string, PeerStats> = {};
    await Promise.all(
      [...this.peers.entries()].map(async ([peerId, peer]) => {
        const entry: PeerStats = {
          connectionState: peer.pc.connectionState,
          audioBytesReceived: 0,
          audioEnergy: 0,
          videoFramesDecoded: 0,
          screenFramesDecoded: 0,
        };
        result[peerId] = entry;
        const mids = new Map(
          peer.pc.getTransceivers().map((t, i) => [t.mid ?? '', this.kindOf(peer.pc, t) ?? TRACK_ORDER[i]]),
        );
        const report = await peer.pc.getStats();
        report.forEach((s: InboundStats) => {
          if (s.type !== 'inbound-rtp') return;
          if (s.kind === 'audio') {
            entry.audioBytesReceived += s.bytesReceived ?? 0;
            entry.audioEnergy += s.totalAudioEnergy ?? 0;
          } else if (s.kind === 'video') {
            if (mids.get(s.mid ?? '') === 'screen') entry.screenFramesDecoded += s.framesDecoded ?? 0;
            else entry.videoFramesDecoded += s.framesDecoded ?? 0;
          }
        });
      }),
    );
    return result;
  }

  /** Closes every connection; the mesh cannot be used afterwards. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    for (const peerId of [...this.peers.keys()]) this.removePeer(peerId);
    this.closed = true;
  }
}

/** The fields of `RTCInboundRtpStreamStats` read here (the report holds every stats type). */
interface InboundStats {
  type?: string;
  kind?: string;
  mid?: string;
  bytesReceived?: number;
  totalAudioEnergy?: number;
  framesDecoded?: number;
}

function closePc(pc: RTCPeerConnection): void {
  pc.onicecandidate = null;
  pc.onnegotiationneeded = null;
  pc.ontrack = null;
  pc.onconnectionstatechange = null;
  try {
    pc.close();
  } catch {
    /* already closed */
  }
}
