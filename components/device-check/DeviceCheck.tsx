'use client';

// Must stay the first import: it configures Fluent UI before Fluent loads.
import '@/components/ui/fluent-setup';
import { CameraButton, FluentThemeProvider, MicrophoneButton } from '@azure/communication-react';
import { useEffect, useRef } from 'react';
import { DeviceSelect, MicrophoneMeter } from '@/components/ui/device-fields';
import { registerFluentIcons } from '@/components/ui/fluent-icons';
import { useLocalMedia } from '@/lib/calling/use-local-media';

registerFluentIcons();

/**
 * Camera preview, microphone level and device pickers, with the UI Library's own buttons: what a
 * guest sees before joining, usable on its own to test a setup.
 */
export default function DeviceCheck() {
  const media = useLocalMedia();
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (video.current) video.current.srcObject = media.videoStream;
  }, [media.videoStream]);

  return (
    <FluentThemeProvider>
      {media.status === 'requesting' ? (
        <p role="status" className="banner banner--info">
          Asking your browser for the camera and microphone…
        </p>
      ) : null}
      {media.problem ? (
        <div role="alert" className="banner banner--error">
          {media.problem}{' '}
          <button type="button" className="button button--secondary" onClick={media.retry}>
            Try again
          </button>
        </div>
      ) : null}

      <div className="device-check">
        <section aria-label="Camera preview">
          <div className="device-check__preview">
            {media.videoStream ? (
              <video ref={video} autoPlay playsInline muted data-testid="camera-preview" aria-label="Your camera" />
            ) : (
              <p style={{ color: '#fff', textAlign: 'center', marginTop: '20%' }}>
                {media.cameraOn ? 'Starting camera…' : 'Camera is off'}
              </p>
            )}
          </div>
          <div className="device-check__controls">
            <CameraButton
              checked={media.cameraOn}
              onToggleCamera={() => Promise.resolve(media.toggleCamera())}
              disabled={media.status !== 'ready'}
              showLabel
            />
            <MicrophoneButton
              checked={media.microphoneOn}
              onToggleMicrophone={() => Promise.resolve(media.toggleMicrophone())}
              disabled={media.status !== 'ready'}
              showLabel
            />
          </div>
        </section>

        <section aria-label="Devices" className="card">
          <DeviceSelect
            id="camera-select"
            label="Camera"
            devices={media.cameras}
            value={media.cameraId}
            onChange={media.selectCamera}
            unnamed="Camera"
          />
          <DeviceSelect
            id="microphone-select"
            label="Microphone"
            devices={media.microphones}
            value={media.microphoneId}
            onChange={media.selectMicrophone}
            unnamed="Microphone"
          />
          <MicrophoneMeter
            id="level-label"
            level={media.level}
            hint={media.microphoneOn ? 'Speak: the bar should move.' : 'Microphone is muted.'}
          />
        </section>
      </div>
    </FluentThemeProvider>
  );
}
