/**
 * The composite's stream view operations (`createStreamView`, `dispose…StreamView`) over the view
 * registry (views.ts): the configuration page's camera preview, the local camera and screen share in
 * the call, and remote cameras and screen shares. Idempotent like the Azure handlers; every element
 * shown is read back by the composite from state, so each change here goes through the store.
 */
import type { ScalingMode } from '@azure/communication-calling';
import type { CreateVideoStreamViewResult, VideoStreamOptions } from '@azure/communication-react';
import type { LocalMedia } from './media';
import type { Roster } from './roster';
import { CAMERA_STREAM_ID, SCREEN_STREAM_ID, hasCallCamera } from './state';
import type { AdapterStore } from './store';
import { type ViewRegistry, viewKey, type StreamKind } from './views';

export class StreamViews {
  constructor(
    private readonly store: AdapterStore,
    private readonly media: LocalMedia,
    private readonly roster: Roster,
    private readonly registry: ViewRegistry,
    /** The local user's flat identifier (tags local view elements). */
    private readonly selfFlatId: string,
    private readonly newStream: (tracks: MediaStreamTrack[]) => MediaStream,
  ) {}

  async createStreamView(
    remoteUserId?: string,
    options?: VideoStreamOptions,
  ): Promise<void | CreateVideoStreamViewResult> {
    await Promise.resolve();
    return remoteUserId === undefined ? this.createLocalView(options) : this.createRemoteView(remoteUserId, options);
  }

  /** The call's local camera and screen views, else the configuration page's preview: whichever is missing. */
  createLocalView(options?: VideoStreamOptions): CreateVideoStreamViewResult | undefined {
    const state = this.store.state;
    const call = state.call;
    let key: string | undefined;
    const cam = call?.localVideoStreams.find((s) => s.mediaStreamType === 'Video');
    const camTrack = this.media.cameraTrack;
    if (cam && !cam.view && camTrack) {
      const { view, options: o } = this.registry.create(viewKey.localCamera, this.newStream([camTrack]), {
        participantId: this.selfFlatId,
        kind: 'camera',
        local: true,
        scalingMode: options?.scalingMode ?? 'Crop',
        isMirrored: options?.isMirrored ?? true,
      });
      this.store.dispatch({
        type: 'local.cameraView',
        view: { target: view.target, scalingMode: o.scalingMode, isMirrored: o.isMirrored },
      });
      key = viewKey.localCamera;
    }
    const screen = call?.localVideoStreams.find((s) => s.mediaStreamType === 'ScreenSharing');
    const screenTrack = this.media.screenTrack;
    if (screen && !screen.view && call?.isScreenSharingOn && screenTrack) {
      const { view } = this.registry.create(viewKey.localScreen, this.newStream([screenTrack]), {
        participantId: this.selfFlatId,
        kind: 'screen',
        local: true,
        scalingMode: 'Fit',
        isMirrored: false,
      });
      this.store.dispatch({
        type: 'local.screenView',
        view: { target: view.target, scalingMode: 'Fit', isMirrored: false },
      });
      key ??= viewKey.localScreen;
    }
    const preview = this.store.state.devices.unparentedViews[0];
    if (!key && preview && !preview.view && camTrack) {
      this.createPreview(camTrack, options?.scalingMode ?? 'Crop', options?.isMirrored ?? true);
      key = viewKey.preview;
    }
    return key ? this.viewResult(key) : undefined;
  }

  /** The configuration page's camera preview (`devices.unparentedViews[0]`). */
  createPreview(track: MediaStreamTrack, scalingMode: ScalingMode, isMirrored: boolean): void {
    const { view, options } = this.registry.create(viewKey.preview, this.newStream([track]), {
      participantId: this.selfFlatId,
      kind: 'camera',
      local: true,
      scalingMode,
      isMirrored,
    });
    this.store.dispatch({
      type: 'preview.view',
      view: { target: view.target, scalingMode: options.scalingMode, isMirrored: options.isMirrored },
    });
  }

  /** Removes the preview (its element and its entry in state). */
  disposePreview(): void {
    if (this.registry.dispose(viewKey.preview) || this.store.state.devices.unparentedViews.length > 0)
      this.store.dispatch({ type: 'preview.stopped' });
  }

  /** A new camera track (device switch) under the preview and the call's camera view. */
  switchCameraStream(track: MediaStreamTrack, scalingMode?: ScalingMode): void {
    const stream = this.newStream([track]);
    this.registry.updateStream(viewKey.preview, stream);
    this.registry.updateStream(viewKey.localCamera, stream);
    if (scalingMode) this.registry.setScalingMode(viewKey.localCamera, scalingMode);
  }

  /** A remote track arrived or went: the view (if any) shows the new stream. */
  updateRemoteStream(identity: string, kind: StreamKind, stream: MediaStream | undefined): void {
    this.registry.updateStream(viewKey.remote(identity, kind), stream);
  }

  private createRemoteView(
    remoteUserId: string,
    options?: VideoStreamOptions,
  ): CreateVideoStreamViewResult | undefined {
    const rp = this.store.state.call?.remoteParticipants[remoteUserId];
    const entry = this.roster.entryFor(remoteUserId);
    if (!rp || !entry) return undefined;
    const streams = this.roster.streamsOf(entry.id);
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
      const { view, options: o } = this.registry.create(k, streams[kind], {
        participantId: remoteUserId,
        kind,
        local: false,
        scalingMode,
        isMirrored: false,
      });
      this.store.dispatch({
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
          this.registry.setScalingMode(key, mode);
          await Promise.resolve();
        },
      },
    };
  }

  disposeRemoteView(identity: string, kind: StreamKind): void {
    const disposed = this.registry.dispose(viewKey.remote(identity, kind));
    if (disposed || this.store.state.call)
      this.store.dispatch({
        type: 'remote.view',
        identity,
        streamId: kind === 'camera' ? CAMERA_STREAM_ID : SCREEN_STREAM_ID,
        view: undefined,
      });
  }

  async disposeStreamView(remoteUserId?: string): Promise<void> {
    if (remoteUserId === undefined) return this.disposeLocalVideoStreamView();
    await this.disposeRemoteVideoStreamView(remoteUserId);
    await this.disposeScreenShareStreamView(remoteUserId);
  }

  async disposeScreenShareStreamView(remoteUserId: string): Promise<void> {
    await Promise.resolve();
    if (remoteUserId === '') return this.disposeLocalScreenView();
    const entry = this.roster.entryFor(remoteUserId);
    if (entry) this.disposeRemoteView(entry.identity, 'screen');
  }

  disposeLocalScreenView(): void {
    this.registry.dispose(viewKey.localScreen);
    this.store.dispatch({ type: 'local.screenView', view: undefined });
  }

  async disposeRemoteVideoStreamView(remoteUserId: string): Promise<void> {
    await Promise.resolve();
    const entry = this.roster.entryFor(remoteUserId);
    if (entry) this.disposeRemoteView(entry.identity, 'camera');
  }

  async disposeLocalVideoStreamView(): Promise<void> {
    await Promise.resolve();
    this.disposeLocalCameraView();
    // Like the Azure handlers, the preview is disposed too (the camera stays on only for a call).
    if (this.registry.dispose(viewKey.preview) || this.store.state.devices.unparentedViews.length > 0) {
      this.store.dispatch({ type: 'preview.stopped' });
      if (!hasCallCamera(this.store.state)) this.media.stopCamera();
    }
  }

  disposeLocalCameraView(): void {
    if (this.registry.dispose(viewKey.localCamera) || this.store.state.call)
      this.store.dispatch({ type: 'local.cameraView', view: undefined });
  }

  disposeAll(): void {
    this.registry.disposeAll();
  }
}
