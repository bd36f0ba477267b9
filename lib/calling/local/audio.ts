/**
 * Remote audio: the composite plays none, so the adapter plays each connected peer's audio through
 * one hidden `<audio>` element per peer, and routes all of them to the chosen speaker with
 * `setSinkId` where the browser supports it (Chromium; Firefox behind a pref; not Safari).
 *
 * Browsers refuse to start audible media on a page the user has not interacted with (autoplay
 * policy; Chromium lifts it while the page captures a camera or microphone, so it bites listeners
 * without a microphone). `play()` then rejects with `NotAllowedError` and the peer would be silent
 * without a word: such peers are reported as blocked until `resume()` — called from a click — plays them.
 */

export interface AudioSink {
  setStream(stream: MediaStream): void;
  /** Starts playback; rejects like `HTMLMediaElement.play()` (`NotAllowedError` when autoplay is refused). */
  play(): Promise<void>;
  setSinkId(deviceId: string): Promise<void>;
  dispose(): void;
}

export type AudioSinkFactory = (peerId: string) => AudioSink;

type SinkCapableAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

const domAudioSinkFactory: AudioSinkFactory = (peerId) => {
  // No `autoplay` attribute: playback starts only through play() below, so a refusal is always seen
  // (an autoplaying element could also start by itself later, behind the prompt's back).
  const audio = document.createElement('audio') as SinkCapableAudio;
  audio.dataset.participantId = peerId;
  audio.dataset.vestibuleRemoteAudio = 'true';
  audio.style.display = 'none';
  document.body.appendChild(audio);
  return {
    setStream(stream) {
      if (audio.srcObject !== stream) audio.srcObject = stream;
    },
    play: () => audio.play(),
    async setSinkId(deviceId) {
      if (typeof audio.setSinkId === 'function') await audio.setSinkId(deviceId);
    },
    dispose() {
      audio.pause();
      audio.srcObject = null;
      audio.remove();
    },
  };
};

/** Whether this browser can choose an output device for media elements. */
export function isSpeakerSelectionAvailable(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/** The autoplay policy's refusal; anything else (an `AbortError` when the stream changed mid-start) is not. */
function isAutoplayRefusal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'NotAllowedError';
}

export class RemoteAudio {
  private readonly sinks = new Map<string, AudioSink>();
  private readonly blocked = new Set<string>();
  private sinkId: string | undefined;

  constructor(
    private readonly factory: AudioSinkFactory = domAudioSinkFactory,
    /** Called when remote audio becomes blocked by the autoplay policy, and when it plays again. */
    private readonly onBlockedChange: (blocked: boolean) => void = () => undefined,
  ) {}

  get isBlocked(): boolean {
    return this.blocked.size > 0;
  }

  /** Plays `stream` for `peerId` (idempotent; replaces the stream if it changed). */
  attach(peerId: string, stream: MediaStream): void {
    let sink = this.sinks.get(peerId);
    if (!sink) {
      sink = this.factory(peerId);
      this.sinks.set(peerId, sink);
      if (this.sinkId) void sink.setSinkId(this.sinkId).catch(() => undefined);
    }
    sink.setStream(stream);
    void this.play(peerId, sink);
  }

  detach(peerId: string): void {
    this.sinks.get(peerId)?.dispose();
    this.sinks.delete(peerId);
    this.setBlocked(peerId, false);
  }

  /**
   * Plays every peer's audio; call it from a click (the user gesture the autoplay policy waits for).
   * `play()` is called before the first await so the gesture still counts. Resolves to whether all play.
   */
  async resume(): Promise<boolean> {
    await Promise.all([...this.sinks.entries()].map(([peerId, sink]) => this.play(peerId, sink)));
    return !this.isBlocked;
  }

  async setSinkId(deviceId: string): Promise<void> {
    this.sinkId = deviceId;
    await Promise.all([...this.sinks.values()].map((s) => s.setSinkId(deviceId)));
  }

  dispose(): void {
    for (const peerId of [...this.sinks.keys()]) this.detach(peerId);
  }

  private async play(peerId: string, sink: AudioSink): Promise<void> {
    try {
      await sink.play();
      if (this.sinks.get(peerId) === sink) this.setBlocked(peerId, false);
    } catch (error) {
      if (this.sinks.get(peerId) === sink && isAutoplayRefusal(error)) this.setBlocked(peerId, true);
    }
  }

  private setBlocked(peerId: string, blocked: boolean): void {
    const before = this.isBlocked;
    if (blocked) this.blocked.add(peerId);
    else this.blocked.delete(peerId);
    if (before !== this.isBlocked) this.onBlockedChange(this.isBlocked);
  }
}
