'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/Field';
import { useLocalMedia } from '@/lib/calling/use-local-media';
import { checkDisplayName, DISPLAY_NAME_MAX } from '@/lib/api/display-name';
import { PermissionHelp } from './MediaHelp';
import { DevicePickers } from './DevicePickers';
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
  const t = useTranslations('Prejoin');
  const d = useTranslations('Devices');
  const m = useTranslations('Media');
  const names = useTranslations('DisplayName');
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
      // The same rule as the token route's, worded in the guest's language.
      setNameError(names(checked.reason, { max: DISPLAY_NAME_MAX }));
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
      camera: device(camera, d('camera')),
      microphone: device(microphone, d('microphone')),
      speaker: device(speakers.speaker, d('speaker')),
    });
  };

  return (
    <form aria-label={t('formLabel')} onSubmit={submit} noValidate>
      <p>{t('signedInAs', { email })}</p>
      <Field id="prejoin-name" label={t('nameLabel')} error={nameError}>
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
      <p style={{ marginTop: '-0.5rem', fontSize: '0.9rem', color: 'var(--muted)' }}>{t('nameHint')}</p>

      {media.status === 'requesting' ? (
        <p role="status" className="banner banner--info">
          {d('requesting')}
        </p>
      ) : null}
      {media.status === 'denied' ? <PermissionHelp onRetry={media.retry} /> : null}
      {media.problem && media.status !== 'denied' ? (
        <div role="alert" className="banner banner--error">
          {m(media.problem)} {t('canStillJoin')}{' '}
          <button type="button" className="button button--secondary" onClick={media.retry}>
            {d('tryAgain')}
          </button>
        </div>
      ) : null}

      <div className="device-check">
        <section aria-label={d('previewLabel')}>
          <div className="device-check__preview">
            {media.videoStream && media.cameraOn ? (
              <video ref={video} autoPlay playsInline muted data-testid="camera-preview" aria-label={d('yourCamera')} />
            ) : (
              <p style={{ color: '#fff', textAlign: 'center', marginTop: '20%' }}>
                {!ready
                  ? d('cameraUnavailable')
                  : !hasCamera
                    ? d('noCamera')
                    : media.cameraOn
                      ? d('cameraStarting')
                      : d('cameraOff')}
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
              {hasCamera && media.cameraOn ? d('cameraButtonOn') : d('cameraButtonOff')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              aria-pressed={hasMicrophone && media.microphoneOn}
              disabled={!hasMicrophone}
              onClick={media.toggleMicrophone}
            >
              {hasMicrophone && media.microphoneOn ? d('microphoneButtonOn') : d('microphoneButtonOff')}
            </button>
          </div>
        </section>

        <DevicePickers idPrefix="prejoin" media={media} speakers={speakers} disabled={!ready} />
      </div>

      <p>
        <button type="submit" className="button" disabled={joining}>
          {joining ? t('joining') : t('joinNow')}
        </button>
      </p>
    </form>
  );
}
