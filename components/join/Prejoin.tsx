'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { DeviceSelect, MicrophoneMeter } from '@/components/ui/device-fields';
import { Field } from '@/components/ui/Field';
import { useLocalMedia } from '@/lib/calling/use-local-media';
import { checkDisplayName } from '@/lib/api/display-name';
import { PermissionHelp } from './MediaHelp';
import { useSpeakers } from './use-speakers';

/** What the guest chose before joining; the call starts with exactly this. */
export interface JoinChoice {
  displayName: string;
  cameraOn: boolean;
  microphoneOn: boolean;
  /** Browser device ids and labels (the adapter's own device lists are matched by either). */
  camera?: { id: string; label: string };
  microphone?: { id: string; label: string };
  speaker?: { id: string; label: string };
}

export interface PrejoinProps {
  email: string;
  /** The name the share already has (from the last join), else empty. */
  defaultName: string;
  /** A join is under way (token, adapter): Join now waits. */
  joining: boolean;
  onJoin: (choice: JoinChoice) => void;
}

const device = (d: MediaDeviceInfo | undefined, fallback: string) =>
  d ? { id: d.deviceId, label: d.label || fallback } : undefined;

/**
 * The pre-join, as people know it from Teams: the name others will see, a camera preview (on by
 * default once allowed), microphone level, camera/microphone/speaker choice with a speaker test, and
 * Join now. Plain browser media only: the preview never waits for the call's code (which the parent
 * prefetches meanwhile).
 */
export function Prejoin({ email, defaultName, joining, onJoin }: PrejoinProps) {
  const media = useLocalMedia();
  const speakers = useSpeakers(media.status === 'ready');
  const [name, setName] = useState(defaultName);
  const [nameError, setNameError] = useState<string>();
  const nameInput = useRef<HTMLInputElement>(null);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (video.current) video.current.srcObject = media.videoStream;
  }, [media.videoStream]);

  const ready = media.status === 'ready';
  const hasCamera = ready && media.cameras.length > 0;
  const hasMicrophone = ready && media.microphones.length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDisplayName(name);
    if (!checked.ok) {
      setNameError(checked.message);
      nameInput.current?.focus();
      return;
    }
    setNameError(undefined);
    setName(checked.value);
    const camera = media.cameras.find((c) => c.deviceId === media.cameraId);
    const microphone = media.microphones.find((m) => m.deviceId === media.microphoneId);
    onJoin({
      displayName: checked.value,
      cameraOn: hasCamera && media.cameraOn,
      microphoneOn: hasMicrophone && media.microphoneOn,
      camera: device(camera, 'Camera'),
      microphone: device(microphone, 'Microphone'),
      speaker: device(speakers.speaker, 'Speaker'),
    });
  };

  return (
    <form aria-label="Get ready to join" onSubmit={submit} noValidate>
      <p>Signed in as {email}</p>
      <Field id="prejoin-name" label="Your name" error={nameError}>
        {(control) => (
          <input
            {...control}
            ref={nameInput}
            type="text"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <p style={{ marginTop: '-0.5rem', fontSize: '0.9rem', color: 'var(--muted)' }}>
        People in the meeting see this name, marked as external.
      </p>

      {media.status === 'requesting' ? (
        <p role="status" className="banner banner--info">
          Asking your browser for the camera and microphone…
        </p>
      ) : null}
      {media.status === 'denied' ? <PermissionHelp onRetry={media.retry} /> : null}
      {media.problem && media.status !== 'denied' ? (
        <div role="alert" className="banner banner--error">
          {media.problem} You can still join without them.{' '}
          <button type="button" className="button button--secondary" onClick={media.retry}>
            Try again
          </button>
        </div>
      ) : null}

      <div className="device-check">
        <section aria-label="Camera preview">
          <div className="device-check__preview">
            {media.videoStream && media.cameraOn ? (
              <video ref={video} autoPlay playsInline muted data-testid="camera-preview" aria-label="Your camera" />
            ) : (
              <p style={{ color: '#fff', textAlign: 'center', marginTop: '20%' }}>
                {!ready
                  ? 'Camera not available'
                  : !hasCamera
                    ? 'No camera'
                    : media.cameraOn
                      ? 'Starting camera…'
                      : 'Camera is off'}
              </p>
            )}
          </div>
          <div className="device-check__controls">
            <button
              type="button"
              className="button button--secondary"
              aria-pressed={hasCamera && media.cameraOn}
              disabled={!hasCamera}
              onClick={media.toggleCamera}
            >
              {hasCamera && media.cameraOn ? 'Camera on' : 'Camera off'}
            </button>
            <button
              type="button"
              className="button button--secondary"
              aria-pressed={hasMicrophone && media.microphoneOn}
              disabled={!hasMicrophone}
              onClick={media.toggleMicrophone}
            >
              {hasMicrophone && media.microphoneOn ? 'Microphone on' : 'Microphone off'}
            </button>
          </div>
        </section>

        <section aria-label="Devices">
          <DeviceSelect
            id="prejoin-camera"
            label="Camera"
            devices={media.cameras}
            value={media.cameraId}
            onChange={media.selectCamera}
            unnamed="Camera"
            disabled={!ready}
          />
          <DeviceSelect
            id="prejoin-microphone"
            label="Microphone"
            devices={media.microphones}
            value={media.microphoneId}
            onChange={media.selectMicrophone}
            unnamed="Microphone"
            disabled={!ready}
          />
          <MicrophoneMeter id="prejoin-level-label" level={media.level} />
          <div className="field">
            <label htmlFor="prejoin-speaker">Speaker</label>
            {speakers.speakers.length > 0 ? (
              <select
                id="prejoin-speaker"
                value={speakers.speakerId ?? ''}
                onChange={(e) => speakers.selectSpeaker(e.target.value)}
              >
                {speakers.speakers.map((d, i) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {d.label || `Speaker ${i + 1}`}
                  </option>
                ))}
              </select>
            ) : (
              <select id="prejoin-speaker" disabled value="">
                <option value="">Your system’s speaker</option>
              </select>
            )}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void speakers.playTest()}
              disabled={speakers.testing}
            >
              {speakers.testing ? 'Playing a test sound…' : 'Test speaker'}
            </button>
          </div>
        </section>
      </div>

      <p>
        <button type="submit" className="button" disabled={joining}>
          {joining ? 'Joining…' : 'Join now'}
        </button>
      </p>
    </form>
  );
}
