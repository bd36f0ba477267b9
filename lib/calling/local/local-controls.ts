/**
 * The local user's own controls: camera (preview before joining, video in the call), microphone mute,
 * screen share and raised hand. Each change goes to the state, to the peers' media (call session)
 * and to the calling service, which tells the others.
 */
import type { Reaction, VideoDeviceInfo } from '@azure/communication-calling';
import type { VideoStreamOptions } from '@azure/communication-react';
import { REACTIONS } from '@/lib/contracts/calling-protocol';
import type { CallSession } from './call-session';
import type { LocalMedia } from './media';
import { hasCallCamera } from './state';
import type { AdapterStore } from './store';
import type { StreamViews } from './stream-views';

export class LocalControls {
  constructor(
    private readonly store: AdapterStore,
    private readonly media: LocalMedia,
    private readonly views: StreamViews,
    private readonly session: CallSession,
    private readonly queryCameras: () => Promise<VideoDeviceInfo[]>,
  ) {}

  async startCamera(options?: VideoStreamOptions): Promise<void> {
    const camera = this.store.state.devices.selectedCamera ?? (await this.queryCameras())[0];
    if (!camera) throw this.store.reportError('Call.startVideo', 'No camera was found.');
    if (!this.store.state.devices.selectedCamera) this.store.dispatch({ type: 'devices.select', camera });
    let track: MediaStreamTrack;
    try {
      track = await this.media.startCamera(camera.id);
    } catch (error) {
      throw this.store.reportError('Call.startVideo', 'The camera could not be started.', error);
    }
    if (this.store.state.call) {
      if (hasCallCamera(this.store.state)) return;
      this.store.dispatch({ type: 'local.camera', camera });
      await this.session.setTrack('camera', track);
      this.session.send({ type: 'state', cameraOn: true });
      return;
    }
    this.store.dispatch({ type: 'preview.started', camera });
    this.views.createPreview(track, options?.scalingMode ?? 'Crop', options?.isMirrored ?? true);
  }

  async stopCamera(): Promise<void> {
    this.views.disposePreview();
    if (hasCallCamera(this.store.state)) {
      this.views.disposeLocalCameraView();
      this.store.dispatch({ type: 'local.camera', camera: undefined });
      await this.session.setTrack('camera', null);
      this.session.send({ type: 'state', cameraOn: false });
    }
    this.media.stopCamera();
  }

  async mute(): Promise<void> {
    this.store.dispatch({ type: 'local.microphoneEnabled', enabled: false });
    const call = this.store.state.call;
    if (!call || call.isMuted) return;
    this.media.setMicrophoneEnabled(false);
    this.store.dispatch({ type: 'local.muted', muted: true });
    this.session.send({ type: 'state', muted: true });
    this.store.emit('isMutedChanged', { identifier: this.store.state.userId, isMuted: true });
    await Promise.resolve();
  }

  async unmute(): Promise<void> {
    this.store.dispatch({ type: 'local.microphoneEnabled', enabled: true });
    const call = this.store.state.call;
    if (!call || !call.isMuted) return;
    if (!this.media.microphoneTrack) {
      try {
        const track = await this.media.startMicrophone(this.store.state.devices.selectedMicrophone?.id, true);
        await this.session.setTrack('audio', track);
        this.session.startSpeakingDetector();
      } catch (error) {
        throw this.store.reportError('Call.unmute', 'The microphone could not be started.', error);
      }
    }
    this.media.setMicrophoneEnabled(true);
    this.store.dispatch({ type: 'local.muted', muted: false });
    this.session.send({ type: 'state', muted: false });
    this.store.emit('isMutedChanged', { identifier: this.store.state.userId, isMuted: false });
  }

  async startScreenShare(): Promise<void> {
    const call = this.store.state.call;
    if (!call || call.state !== 'Connected')
      throw this.store.reportError('Call.startScreenSharing', 'Screen sharing starts once you are in the meeting.');
    if (call.isScreenSharingOn) return;
    // Attendees may not present (the service refuses it too); the button is hidden for them.
    if (this.store.extras.role === 'attendee')
      throw this.store.reportError(
        'Call.startScreenSharing',
        'Only presenters can share their screen in this meeting.',
      );
    let track: MediaStreamTrack;
    try {
      track = await this.media.startScreen(() => void this.stopScreenShare());
    } catch (error) {
      throw this.store.reportError(
        'Call.startScreenSharing',
        'Screen sharing was cancelled or is not available.',
        error,
      );
    }
    if (!this.store.state.call) {
      this.media.stopScreen();
      return;
    }
    await this.session.setTrack('screen', track);
    this.store.dispatch({ type: 'local.screen', on: true });
    this.session.send({ type: 'state', screenSharing: true });
    this.store.emit('isLocalScreenSharingActiveChanged', { isScreenSharingOn: true });
  }

  async stopScreenShare(): Promise<void> {
    if (!this.store.state.call?.isScreenSharingOn) return;
    this.views.disposeLocalScreenView();
    this.media.stopScreen();
    this.store.dispatch({ type: 'local.screen', on: false });
    this.session.send({ type: 'state', screenSharing: false });
    this.store.emit('isLocalScreenSharingActiveChanged', { isScreenSharingOn: false });
    await this.session.setTrack('screen', null);
  }

  async raiseHand(): Promise<void> {
    await this.setHand(true);
  }

  async lowerHand(): Promise<void> {
    await this.setHand(false);
  }

  /**
   * Like the Calling SDK's handler: an unknown reaction is only warned about, and outside a Connected
   * call nothing is sent. The service refuses (rate limit, lobby) with an `error` frame.
   */
  async react(reaction: Reaction): Promise<void> {
    if (!(REACTIONS as readonly string[]).includes(reaction)) {
      console.warn(`Can not recognize ${reaction} as meeting reaction`);
      return;
    }
    if (this.store.state.call?.state !== 'Connected') return;
    this.session.send({ type: 'reaction', reaction });
    await Promise.resolve();
  }

  private async setHand(raised: boolean): Promise<void> {
    if (!this.store.state.call) return;
    this.store.dispatch({ type: 'local.handRaised', raised });
    this.session.send({ type: 'state', handRaised: raised });
    await Promise.resolve();
  }
}
