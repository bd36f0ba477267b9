/**
 * Device permission, lists and selection for the local adapter (`askDevicePermission`, `query…`,
 * `set…`), kept current on hot-plug: a selected device that disappears is replaced by the default.
 * Switching the camera or microphone during a call swaps the track the peers receive.
 */
import type {
  AudioDeviceInfo,
  DeviceAccess,
  PermissionConstraints,
  VideoDeviceInfo,
} from '@azure/communication-calling';
import type { VideoStreamOptions } from '@azure/communication-react';
import { isSpeakerSelectionAvailable, type RemoteAudio } from './audio';
import type { DeviceLists, LocalMedia } from './media';
import type { TrackKind } from './mesh';
import { hasCallCamera } from './state';
import type { AdapterStore } from './store';
import type { StreamViews } from './stream-views';

/** The part of the call session device switches need: what the peers receive. */
interface CallTracks {
  setTrack(kind: TrackKind, track: MediaStreamTrack | null): Promise<void>;
  startSpeakingDetector(): void;
}

export class Devices {
  constructor(
    private readonly store: AdapterStore,
    private readonly media: LocalMedia,
    private readonly views: StreamViews,
    private readonly audio: RemoteAudio,
    private readonly call: CallTracks,
    private readonly isDisposed: () => boolean,
  ) {}

  /** Re-reads the device lists on hot-plug; returns the unsubscribe function. */
  watchHotPlug(): () => void {
    return this.media.onDeviceChange(() => void this.refresh().catch(() => undefined));
  }

  async askDevicePermission(constrain: PermissionConstraints): Promise<DeviceAccess> {
    const current = this.store.state.devices.deviceAccess;
    const satisfied = current && (!constrain.audio || current.audio) && (!constrain.video || current.video);
    if (satisfied) {
      await this.refresh();
      return current;
    }
    let granted: DeviceAccess;
    try {
      granted = await this.media.askPermission(constrain);
    } catch (error) {
      throw this.store.reportError(
        'DeviceManager.askDevicePermission',
        'Could not ask for camera/microphone access.',
        error,
      );
    }
    const access: DeviceAccess = {
      audio: constrain.audio ? granted.audio : (current?.audio ?? false),
      video: constrain.video ? granted.video : (current?.video ?? false),
    };
    this.store.dispatch({ type: 'devices.access', deviceAccess: access });
    await this.refresh();
    return access;
  }

  async queryCameras(): Promise<VideoDeviceInfo[]> {
    return (await this.refresh()).cameras;
  }

  async queryMicrophones(): Promise<AudioDeviceInfo[]> {
    return (await this.refresh()).microphones;
  }

  async querySpeakers(): Promise<AudioDeviceInfo[]> {
    return (await this.refresh()).speakers;
  }

  /** Re-reads the device lists and moves off a selected device that disappeared. */
  private async refresh(): Promise<DeviceLists> {
    const lists = await this.media.enumerate();
    if (this.isDisposed()) return lists;
    this.store.dispatch({
      type: 'devices.list',
      ...lists,
      isSpeakerSelectionAvailable: lists.speakers.length > 0 && isSpeakerSelectionAvailable(),
    });
    const d = this.store.state.devices;
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
      else this.store.dispatch({ type: 'devices.select', camera });
    }
    if (mic) {
      if (d.selectedMicrophone && this.media.microphoneTrack) await this.setMicrophone(mic).catch(() => undefined);
      else {
        this.store.dispatch({ type: 'devices.select', microphone: mic });
        this.store.emit('selectedMicrophoneChanged');
      }
    }
    if (speaker) {
      this.store.dispatch({ type: 'devices.select', speaker });
      this.store.emit('selectedSpeakerChanged');
    }
    return lists;
  }

  async setCamera(sourceInfo: VideoDeviceInfo, options?: VideoStreamOptions): Promise<void> {
    this.store.dispatch({ type: 'devices.select', camera: sourceInfo });
    if (!this.media.cameraTrack) return;
    try {
      const track = await this.media.startCamera(sourceInfo.id);
      this.views.switchCameraStream(track, options?.scalingMode);
      if (this.store.state.devices.unparentedViews.length > 0)
        this.store.dispatch({ type: 'preview.started', camera: sourceInfo });
      if (hasCallCamera(this.store.state)) this.store.dispatch({ type: 'local.camera', camera: sourceInfo });
      await this.call.setTrack('camera', hasCallCamera(this.store.state) ? track : null);
    } catch (error) {
      throw this.store.reportError('Call.startVideo', `Could not switch to the camera "${sourceInfo.name}".`, error);
    }
  }

  async setMicrophone(sourceInfo: AudioDeviceInfo): Promise<void> {
    this.store.dispatch({ type: 'devices.select', microphone: sourceInfo });
    this.store.emit('selectedMicrophoneChanged');
    if (!this.media.microphoneTrack) return;
    try {
      const track = await this.media.startMicrophone(sourceInfo.id, !(this.store.state.call?.isMuted ?? true));
      await this.call.setTrack('audio', track);
      this.call.startSpeakingDetector();
    } catch (error) {
      throw this.store.reportError('Call.unmute', `Could not switch to the microphone "${sourceInfo.name}".`, error);
    }
  }

  async setSpeaker(sourceInfo: AudioDeviceInfo): Promise<void> {
    this.store.dispatch({ type: 'devices.select', speaker: sourceInfo });
    this.store.emit('selectedSpeakerChanged');
    try {
      await this.audio.setSinkId(sourceInfo.id);
    } catch (error) {
      throw this.store.reportError(
        'DeviceManager.selectSpeaker',
        `Could not play through "${sourceInfo.name}".`,
        error,
      );
    }
  }
}
