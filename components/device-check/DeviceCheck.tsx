'use client';

// Must stay the first import: it configures Fluent UI before Fluent loads.
import '@/components/ui/fluent-setup';
import { CameraButton, FluentThemeProvider, MicrophoneButton } from '@azure/communication-react';
import { useEffect, useRef } from 'react';
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

  const levelPercent = Math.round(media.level * 100);

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
          <div className="field">
            <label htmlFor="camera-select">Camera</label>
            <select
              id="camera-select"
              value={media.cameraId ?? ''}
              onChange={(e) => media.selectCamera(e.target.value)}
              disabled={media.cameras.length === 0}
            >
              {media.cameras.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label || `Camera ${i + 1}`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="microphone-select">Microphone</label>
            <select
              id="microphone-select"
              value={media.microphoneId ?? ''}
              onChange={(e) => media.selectMicrophone(e.target.value)}
              disabled={media.microphones.length === 0}
            >
              {media.microphones.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label || `Microphone ${i + 1}`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <span id="level-label">Microphone level</span>
            <div
              className="meter"
              role="meter"
              aria-labelledby="level-label"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={levelPercent}
            >
              <div className="meter__fill" style={{ width: `${levelPercent}%` }} />
            </div>
            <small>{media.microphoneOn ? 'Speak: the bar should move.' : 'Microphone is muted.'}</small>
          </div>
        </section>
      </div>
    </FluentThemeProvider>
  );
}
