/**
 * Local devices for the local adapter: permission probe, device lists with hot-plug, microphone,
 * camera and screen tracks, and a speaking detector (AnalyserNode on the microphone).
 *
 * Mute is `track.enabled = false` (the track keeps running so unmute is instant and the sender keeps
 * its slot); camera off stops the camera track (the light goes off). Browser APIs are reached through
 * `navigator.mediaDevices` unless another `MediaDevices` is injected.
 */
import type {
  AudioDeviceInfo,
  DeviceAccess,
  PermissionConstraints,
  VideoDeviceInfo,
} from '@azure/communication-calling';
import { speakingDetector, startMicLevel } from '../mic-level';

export interface DeviceLists {
  cameras: VideoDeviceInfo[];
  microphones: AudioDeviceInfo[];
  speakers: AudioDeviceInfo[];
}

function mediaDevices(): MediaDevices | undefined {
  return typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
}

function toDeviceLists(devices: MediaDeviceInfo[]): DeviceLists {
  const label = (d: MediaDeviceInfo, fallback: string, i: number) => d.label || `${fallback} ${i + 1}`;
  const inputs = devices.filter((d) => d.kind === 'videoinput' && d.deviceId);
  const mics = devices.filter((d) => d.kind === 'audioinput' && d.deviceId);
  const outs = devices.filter((d) => d.kind === 'audiooutput' && d.deviceId);
  return {
    cameras: inputs.map((d, i) => ({ id: d.deviceId, name: label(d, 'Camera', i), deviceType: 'UsbCamera' })),
    microphones: mics.map((d, i) => ({
      id: d.deviceId,
      name: label(d, 'Microphone', i),
      isSystemDefault: d.deviceId === 'default',
      deviceType: 'Microphone',
    })),
    speakers: outs.map((d, i) => ({
      id: d.deviceId,
      name: label(d, 'Speaker', i),
      isSystemDefault: d.deviceId === 'default',
      deviceType: 'Speaker',
    })),
  };
}

export class LocalMedia {
  private mic: MediaStreamTrack | undefined;
  private micDeviceId: string | undefined;
  private camera: MediaStreamTrack | undefined;
  private cameraDeviceId: string | undefined;
  private screen: MediaStreamTrack | undefined;
  private stopSpeaking: (() => void) | undefined;
  private disposed = false;

  constructor(private readonly devices: MediaDevices | undefined = mediaDevices()) {}

  get microphoneTrack(): MediaStreamTrack | undefined {
    return this.mic;
  }
  get cameraTrack(): MediaStreamTrack | undefined {
    return this.camera;
  }
  get screenTrack(): MediaStreamTrack | undefined {
    return this.screen;
  }

  /**
   * Asks for the kinds requested and reports what is granted; probe tracks are stopped at once.
   * Audio and video are probed apart when together fails, so a missing camera does not deny the mic.
   */
  async askPermission(constraints: PermissionConstraints): Promise<DeviceAccess> {
    const md = this.requireDevices();
    const probe = async (c: MediaStreamConstraints) => {
      try {
        const stream = await md.getUserMedia(c);
        stream.getTracks().forEach((t) => t.stop());
        return true;
      } catch {
        return false;
      }
    };
    if (!constraints.audio && !constraints.video) return { audio: false, video: false };
    if (constraints.audio && constraints.video && (await probe({ audio: true, video: true })))
      return { audio: true, video: true };
    return {
      audio: constraints.audio ? await probe({ audio: true }) : false,
      video: constraints.video ? await probe({ video: true }) : false,
    };
  }

  async enumerate(): Promise<DeviceLists> {
    const md = this.devices;
    if (!md?.enumerateDevices) return { cameras: [], microphones: [], speakers: [] };
    return toDeviceLists(await md.enumerateDevices());
  }

  /** Calls `listener` on device hot-plug; returns the unsubscribe function. */
  onDeviceChange(listener: () => void): () => void {
    const md = this.devices;
    if (!md?.addEventListener) return () => undefined;
    md.addEventListener('devicechange', listener);
    return () => md.removeEventListener('devicechange', listener);
  }

  /** Starts (or switches) the microphone; keeps the enabled (mute) state across a switch. */
  async startMicrophone(deviceId: string | undefined, enabled: boolean): Promise<MediaStreamTrack> {
    if (this.mic && this.mic.readyState === 'live' && this.micDeviceId === deviceId) {
      this.mic.enabled = enabled;
      return this.mic;
    }
    const stream = await this.requireDevices().getUserMedia({
      audio: {
        ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
      },
    });
    const track = stream.getAudioTracks()[0];
    if (!track) throw new Error('The microphone gave no audio track.');
    this.assertLive(track);
    this.mic?.stop();
    this.mic = track;
    this.micDeviceId = deviceId;
    track.enabled = enabled;
    return track;
  }

  setMicrophoneEnabled(enabled: boolean): void {
    if (this.mic) this.mic.enabled = enabled;
  }

  stopMicrophone(): void {
    this.stopSpeakingDetector();
    this.mic?.stop();
    this.mic = undefined;
    this.micDeviceId = undefined;
  }

  /** Starts (or switches) the camera; an existing live track for the same device is reused. */
  async startCamera(deviceId: string | undefined): Promise<MediaStreamTrack> {
    if (this.camera && this.camera.readyState === 'live' && this.cameraDeviceId === deviceId) return this.camera;
    const stream = await this.requireDevices().getUserMedia({
      video: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: 1280 }, height: { ideal: 720 } },
    });
    const track = stream.getVideoTracks()[0];
    if (!track) throw new Error('The camera gave no video track.');
    this.assertLive(track);
    this.camera?.stop();
    this.camera = track;
    this.cameraDeviceId = deviceId;
    return track;
  }

  stopCamera(): void {
    this.camera?.stop();
    this.camera = undefined;
    this.cameraDeviceId = undefined;
  }

  /** Asks the user for a screen, window or tab; `onEnded` runs when they stop it from the browser UI. */
  async startScreen(onEnded: () => void): Promise<MediaStreamTrack> {
    if (this.screen && this.screen.readyState === 'live') return this.screen;
    const md = this.requireDevices();
    if (!md.getDisplayMedia) throw new Error('This browser cannot share the screen.');
    const stream = await md.getDisplayMedia({ video: true, audio: false });
    const track = stream.getVideoTracks()[0];
    if (!track) throw new Error('Screen sharing gave no video track.');
    this.assertLive(track);
    track.contentHint = 'detail';
    track.addEventListener('ended', () => {
      if (this.screen === track) {
        this.screen = undefined;
        onEnded();
      }
    });
    this.screen = track;
    return track;
  }

  stopScreen(): void {
    const track = this.screen;
    this.screen = undefined;
    track?.stop();
  }

  /**
   * Reports changes of "speaking" on the microphone (mic-level.ts: on above the threshold, off after a
   * pause). A muted (disabled) track reads as silence.
   */
  startSpeakingDetector(onChange: (speaking: boolean) => void): void {
    this.stopSpeakingDetector();
    const track = this.mic;
    if (!track) return;
    const detect = speakingDetector();
    let speaking = false;
    this.stopSpeaking = startMicLevel(track, (reading) => {
      const next = detect(track.enabled ? reading : 0, Date.now());
      if (next === speaking) return;
      speaking = next;
      onChange(speaking);
    });
  }

  stopSpeakingDetector(): void {
    this.stopSpeaking?.();
    this.stopSpeaking = undefined;
  }

  /** Stops every track; safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopMicrophone();
    this.stopCamera();
    this.stopScreen();
  }

  private assertLive(track: MediaStreamTrack): void {
    if (this.disposed) {
      track.stop();
      throw new Error('The call adapter was disposed.');
    }
  }

  private requireDevices(): MediaDevices {
    if (!this.devices?.getUserMedia)
      throw new Error('This browser has no camera/microphone access (needs a secure context: https or localhost).');
    return this.devices;
  }
}
