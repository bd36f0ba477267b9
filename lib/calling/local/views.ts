/**
 * Stream view targets for the composite. The composite never renders video itself: it appends the
 * `view.target` it reads from state. A target here is a wrapper `<div>` (fills its tile) around a
 * `<video autoplay playsinline muted>` playing the stream; audio is played separately (audio.ts).
 *
 * Stable attributes for tests and tooling: `data-participant-id` (flat identifier; the local user's
 * own id for local views), `data-stream-kind` (`camera` | `screen`), `data-local` ("true" on local
 * views). Scaling mode → CSS object-fit (Crop=cover, Fit=contain, Stretch=fill).
 *
 * `ViewRegistry` makes create/dispose idempotent like the Azure handlers: creating a view that exists
 * returns the same target; disposing one that does not exist does nothing.
 */
import type { ScalingMode } from '@azure/communication-calling';
import { objectFitFor } from './state';

export type StreamKind = 'camera' | 'screen';

interface ViewOptions {
  participantId: string;
  kind: StreamKind;
  local: boolean;
  scalingMode: ScalingMode;
  isMirrored: boolean;
}

export interface RenderedView {
  readonly target: HTMLElement;
  setStream(stream: MediaStream | undefined): void;
  setScalingMode(mode: ScalingMode): void;
  dispose(): void;
}

export type ViewFactory = (stream: MediaStream | undefined, options: ViewOptions) => RenderedView;

/** The browser implementation. */
const domViewFactory: ViewFactory = (stream, options) => {
  const wrapper = document.createElement('div');
  wrapper.style.width = '100%';
  wrapper.style.height = '100%';
  wrapper.style.position = 'relative';
  wrapper.dataset.participantId = options.participantId;
  wrapper.dataset.streamKind = options.kind;
  if (options.local) wrapper.dataset.local = 'true';
  const video = document.createElement('video');
  video.autoplay = true;
  video.playsInline = true;
  video.muted = true;
  video.setAttribute('playsinline', '');
  video.setAttribute('muted', '');
  video.dataset.participantId = options.participantId;
  video.dataset.streamKind = options.kind;
  if (options.local) video.dataset.local = 'true';
  video.style.width = '100%';
  video.style.height = '100%';
  video.style.display = 'block';
  video.style.objectFit = objectFitFor(options.scalingMode);
  if (options.isMirrored) video.style.transform = 'scaleX(-1)';
  video.srcObject = stream ?? null;
  wrapper.appendChild(video);
  const play = () => void video.play().catch(() => undefined);
  play();
  return {
    target: wrapper,
    setStream(next) {
      if (video.srcObject !== (next ?? null)) {
        video.srcObject = next ?? null;
        play();
      }
    },
    setScalingMode(mode) {
      video.style.objectFit = objectFitFor(mode);
    },
    dispose() {
      video.pause();
      video.srcObject = null;
      wrapper.remove();
    },
  };
};

export class ViewRegistry {
  private readonly views = new Map<string, { view: RenderedView; options: ViewOptions }>();

  constructor(private readonly factory: ViewFactory = domViewFactory) {}

  /** Creates the view for `key` or returns the existing one (`created` tells which). */
  create(
    key: string,
    stream: MediaStream | undefined,
    options: ViewOptions,
  ): { view: RenderedView; options: ViewOptions; created: boolean } {
    const existing = this.views.get(key);
    if (existing) {
      existing.view.setStream(stream);
      if (existing.options.scalingMode !== options.scalingMode) {
        existing.view.setScalingMode(options.scalingMode);
        existing.options = { ...existing.options, scalingMode: options.scalingMode };
      }
      return { ...existing, created: false };
    }
    const entry = { view: this.factory(stream, options), options };
    this.views.set(key, entry);
    return { ...entry, created: true };
  }

  /** Swaps the stream under an existing view (camera switch, renegotiated track). */
  updateStream(key: string, stream: MediaStream | undefined): void {
    this.views.get(key)?.view.setStream(stream);
  }

  setScalingMode(key: string, mode: ScalingMode): void {
    const entry = this.views.get(key);
    if (!entry) return;
    entry.view.setScalingMode(mode);
    entry.options = { ...entry.options, scalingMode: mode };
  }

  /** True when a view was disposed. */
  dispose(key: string): boolean {
    const entry = this.views.get(key);
    if (!entry) return false;
    this.views.delete(key);
    entry.view.dispose();
    return true;
  }

  disposeAll(): void {
    for (const key of [...this.views.keys()]) this.dispose(key);
  }

  /** How many views are alive (tests: nothing leaks). */
  get size(): number {
    return this.views.size;
  }
}

export const viewKey = {
  preview: 'preview',
  localCamera: 'local:camera',
  localScreen: 'local:screen',
  remote: (identity: string, kind: StreamKind) => `remote:${kind}:${identity}`,
};
