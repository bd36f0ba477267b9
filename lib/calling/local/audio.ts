/**
 * Remote audio: the composite plays none, so the adapter plays each connected peer's audio through
 * one hidden `<audio autoplay>` element per peer, and routes all of them to the chosen speaker with
 * `setSinkId` where the browser supports it (Chromium; Firefox behind a pref; not Safari).
 */

export interface AudioSink {
  setStream(stream: MediaStream): void;
  setSinkId(deviceId: string): Promise<void>;
  dispose(): void;
}

export type AudioSinkFactory = (peerId: string) => AudioSink;

type SinkCapableAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

export const domAudioSinkFactory: AudioSinkFactory = (peerId) => {
  const audio = document.createElement('audio') as SinkCapableAudio;
  audio.autoplay = true;
  audio.dataset.participantId = peerId;
  audio.dataset.vestibuleRemoteAudio = 'true';
  audio.style.display = 'none';
  document.body.appendChild(audio);
  return {
    setStream(stream) {
      if (audio.srcObject !== stream) audio.srcObject = stream;
      void audio.play().catch(() => undefined);
    },
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

export class RemoteAudio {
  private readonly sinks = new Map<string, AudioSink>();
  private sinkId: string | undefined;

  constructor(private readonly factory: AudioSinkFactory = domAudioSinkFactory) {}

  /** Plays `stream` for `peerId` (idempotent; replaces the stream if it changed). */
  attach(peerId: string, stream: MediaStream): void {
    let sink = this.sinks.get(peerId);
    if (!sink) {
      sink = this.factory(peerId);
      this.sinks.set(peerId, sink);
      if (this.sinkId) void sink.setSinkId(this.sinkId).catch(() => undefined);
    }
    sink.setStream(stream);
  }

  detach(peerId: string): void {
    this.sinks.get(peerId)?.dispose();
    this.sinks.delete(peerId);
  }

  async setSinkId(deviceId: string): Promise<void> {
    this.sinkId = deviceId;
    await Promise.all([...this.sinks.values()].map((s) => s.setSinkId(deviceId)));
  }

  dispose(): void {
    for (const peerId of [...this.sinks.keys()]) this.detach(peerId);
  }
}
