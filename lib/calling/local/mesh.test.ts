import { describe, expect, it, vi } from 'vitest';
import { Mesh, type TrackKind } from './mesh';

/** Just enough of RTCPeerConnection for the mesh's logic; no media, no network. */
class FakeTransceiver {
  direction = 'sendrecv';
  readonly sender: { track: MediaStreamTrack | null; replaceTrack: (t: MediaStreamTrack | null) => Promise<void> };
  constructor(
    public mid: string | null,
    track: MediaStreamTrack | null,
  ) {
    const sender = {
      track,
      replaceTrack: (t: MediaStreamTrack | null) => {
        sender.track = t;
        return Promise.resolve();
      },
    };
    this.sender = sender;
  }
}

class FakePc {
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  remoteDescription: RTCSessionDescriptionInit | null = null;
  localDescription: { type: string; toJSON(): RTCSessionDescriptionInit } | null = null;
  readonly transceivers: FakeTransceiver[] = [];
  readonly candidates: (RTCIceCandidateInit | undefined)[] = [];
  closed = false;
  restartIce = vi.fn();
  stats: Record<string, unknown>[] = [];
  onicecandidate: ((e: { candidate: { toJSON(): RTCIceCandidateInit } | null }) => void) | null = null;
  onnegotiationneeded: (() => Promise<void>) | null = null;
  ontrack: ((e: { track: unknown; transceiver: FakeTransceiver }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;

  addTransceiver(trackOrKind: MediaStreamTrack | string): void {
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    this.transceivers.push(new FakeTransceiver(null, track));
  }
  getTransceivers(): FakeTransceiver[] {
    return this.transceivers;
  }
  setLocalDescription(d?: { type: string }): Promise<void> {
    if (d?.type === 'rollback') {
      this.signalingState = 'stable';
      return Promise.resolve();
    }
    const type = this.signalingState === 'have-remote-offer' ? 'answer' : 'offer';
    this.signalingState = type === 'offer' ? 'have-local-offer' : 'stable';
    this.localDescription = { type, toJSON: () => ({ type: type, sdp: `sdp-${type}` }) };
    return Promise.resolve();
  }
  setRemoteDescription(d: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescription = d;
    if (d.type === 'offer') {
      this.signalingState = 'have-remote-offer';
      // An offer from the impolite side brings its three m-lines.
      while (this.transceivers.length < 3) this.transceivers.push(new FakeTransceiver(null, null));
      this.transceivers.forEach((t, i) => (t.mid = String(i)));
    } else {
      this.signalingState = 'stable';
    }
    return Promise.resolve();
  }
  addIceCandidate(c?: RTCIceCandidateInit): Promise<void> {
    this.candidates.push(c);
    return Promise.resolve();
  }
  getStats(): Promise<{ forEach(cb: (s: unknown) => void): void }> {
    return Promise.resolve({ forEach: (cb) => this.stats.forEach(cb) });
  }
  close(): void {
    this.closed = true;
    this.signalingState = 'closed';
  }
}

const track = (kind: 'audio' | 'video', id: string) =>
  ({ kind, id, onended: null }) as unknown as MediaStreamTrack & { onended: (() => void) | null };

function setup(selfId: string) {
  const pcs: FakePc[] = [];
  const sent: { to: string; payload: { description?: RTCSessionDescriptionInit; candidate?: unknown } }[] = [];
  const streams: { peerId: string; kind: TrackKind; stream: unknown }[] = [];
  const states: [string, RTCPeerConnectionState][] = [];
  const mesh = new Mesh({
    selfId,
    send: (to, payload) => sent.push({ to, payload }),
    onRemoteStream: (peerId, kind, stream) => streams.push({ peerId, kind, stream }),
    onConnectionState: (peerId, state) => states.push([peerId, state]),
    createPeerConnection: () => {
      const pc = new FakePc();
      pcs.push(pc);
      return pc as unknown as RTCPeerConnection;
    },
    createMediaStream: (tracks) => ({ tracks }) as unknown as MediaStream,
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { mesh, pcs, sent, streams, states, settle };
}

describe('Mesh', () => {
  it('the lower id lays out audio, camera, screen with its current tracks; the higher id adds none', async () => {
    const low = setup('a');
    const mic = track('audio', 'mic');
    await low.mesh.setTrack('audio', mic);
    low.mesh.addPeer('b');
    expect(low.pcs[0]!.transceivers.map((t) => t.sender.track)).toEqual([mic, null, null]);

    const high = setup('b');
    high.mesh.addPeer('a');
    expect(high.pcs[0]!.transceivers).toEqual([]);
    // Adding the same peer again (or ourselves) creates nothing.
    high.mesh.addPeer('a');
    high.mesh.addPeer('b');
    expect(high.pcs).toHaveLength(1);
  });

  it('an offer from a peer not yet known creates it, answers, and sends our tracks on its m-lines', async () => {
    const t = setup('b');
    const mic = track('audio', 'mic');
    const cam = track('video', 'cam');
    await t.mesh.setTrack('audio', mic);
    await t.mesh.setTrack('camera', cam);
    t.mesh.handleSignal('a', { description: { type: 'offer', sdp: 'sdp-offer' } });
    await t.settle();
    const pc = t.pcs[0]!;
    expect(pc.remoteDescription).toEqual({ type: 'offer', sdp: 'sdp-offer' });
    expect(t.sent).toEqual([{ to: 'a', payload: { description: { type: 'answer', sdp: 'sdp-answer' } } }]);
    expect(pc.transceivers.map((x) => x.sender.track)).toEqual([mic, cam, null]);
    // Candidates and answers from someone we never heard an offer from are ignored.
    t.mesh.handleSignal('z', { candidate: { candidate: 'c' } });
    expect(t.pcs).toHaveLength(1);
  });

  it('on glare the impolite (lower id) side ignores the colliding offer; the polite side accepts it', async () => {
    const impolite = setup('a');
    impolite.mesh.addPeer('b');
    await impolite.pcs[0]!.onnegotiationneeded!();
    expect(impolite.pcs[0]!.signalingState).toBe('have-local-offer');
    impolite.mesh.handleSignal('b', { description: { type: 'offer', sdp: 'theirs' } });
    await impolite.settle();
    expect(impolite.pcs[0]!.remoteDescription).toBeNull();

    const polite = setup('b');
    polite.mesh.addPeer('a');
    polite.pcs[0]!.signalingState = 'have-local-offer';
    polite.mesh.handleSignal('a', { description: { type: 'offer', sdp: 'theirs' } });
    await polite.settle();
    expect(polite.pcs[0]!.remoteDescription).toEqual({ type: 'offer', sdp: 'theirs' });
  });

  it('maps incoming tracks to audio/camera/screen by mid and reports when they end', () => {
    const t = setup('a');
    t.mesh.addPeer('b');
    const pc = t.pcs[0]!;
    const screen = track('video', 'screen');
    pc.ontrack!({ track: track('audio', 'x'), transceiver: new FakeTransceiver('0', null) });
    pc.ontrack!({ track: screen, transceiver: new FakeTransceiver('2', null) });
    expect(t.streams.map((s) => [s.peerId, s.kind])).toEqual([
      ['b', 'audio'],
      ['b', 'screen'],
    ]);
    screen.onended!();
    expect(t.streams[2]).toEqual({ peerId: 'b', kind: 'screen', stream: undefined });
  });

  it('setTrack swaps the sender of that kind only, for every peer', async () => {
    const t = setup('a');
    t.mesh.addPeer('b');
    t.mesh.addPeer('c');
    const cam = track('video', 'cam');
    await t.mesh.setTrack('camera', cam);
    for (const pc of t.pcs) expect(pc.transceivers.map((x) => x.sender.track)).toEqual([null, cam, null]);
    await t.mesh.setTrack('camera', null);
    for (const pc of t.pcs) expect(pc.transceivers[1]!.sender.track).toBeNull();
  });

  it('a failed connection is reported and restarts ICE', () => {
    const t = setup('a');
    t.mesh.addPeer('b');
    const pc = t.pcs[0]!;
    pc.connectionState = 'failed';
    pc.onconnectionstatechange!();
    expect(t.states).toEqual([['b', 'failed']]);
    expect(pc.restartIce).toHaveBeenCalledTimes(1);
  });

  it('renegotiate rolls back an unanswered offer and restarts ICE; a polite peer without an offer waits', async () => {
    const t = setup('a');
    t.mesh.addPeer('b');
    await t.pcs[0]!.onnegotiationneeded!();
    t.mesh.renegotiate();
    await t.settle();
    expect(t.pcs[0]!.signalingState).toBe('stable');
    expect(t.pcs[0]!.restartIce).toHaveBeenCalledTimes(1);

    const polite = setup('b');
    polite.mesh.addPeer('a');
    polite.mesh.renegotiate('a');
    await polite.settle();
    expect(polite.pcs[0]!.restartIce).not.toHaveBeenCalled();
  });

  it('stats add up audio bytes and energy, and count camera and screen frames apart', async () => {
    const t = setup('b');
    t.mesh.handleSignal('a', { description: { type: 'offer', sdp: 'o' } });
    await t.settle();
    t.pcs[0]!.stats = [
      { type: 'inbound-rtp', kind: 'audio', mid: '0', bytesReceived: 1000, totalAudioEnergy: 0.25 },
      { type: 'inbound-rtp', kind: 'video', mid: '1', framesDecoded: 30 },
      { type: 'inbound-rtp', kind: 'video', mid: '2', framesDecoded: 5 },
      { type: 'outbound-rtp', kind: 'audio', mid: '0', bytesSent: 999 },
    ];
    expect(await t.mesh.stats()).toEqual({
      a: {
        connectionState: 'new',
        audioBytesReceived: 1000,
        audioEnergy: 0.25,
        videoFramesDecoded: 30,
        screenFramesDecoded: 5,
      },
    });
  });

  it('removing a peer closes its connection and reports its streams gone; close is safe twice', () => {
    const t = setup('a');
    t.mesh.addPeer('b');
    t.pcs[0]!.ontrack!({ track: track('audio', 'x'), transceiver: new FakeTransceiver('0', null) });
    t.mesh.removePeer('b');
    expect(t.pcs[0]!.closed).toBe(true);
    expect(t.streams[1]).toEqual({ peerId: 'b', kind: 'audio', stream: undefined });
    t.mesh.addPeer('c');
    t.mesh.close();
    t.mesh.close();
    expect(t.pcs[1]!.closed).toBe(true);
    t.mesh.addPeer('d');
    expect(t.pcs).toHaveLength(2);
  });
});
