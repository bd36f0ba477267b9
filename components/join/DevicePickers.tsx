'use client';

import { useTranslations } from 'next-intl';
import { DeviceSelect, MicrophoneMeter } from '@/components/ui/device-fields';
import type { useLocalMedia } from '@/lib/calling/use-local-media';
import { SpeakerField } from './SpeakerField';
import type { useSpeakers } from './use-speakers';

/**
 * Camera, microphone (with its level) and speaker, as the device check and the pre-join both offer
 * them: the same pickers on the same local media, each page with its own element ids.
 */
export function DevicePickers({
  idPrefix,
  media,
  speakers,
  disabled = false,
  levelHint,
  className,
}: {
  /** Distinct per page, so a page's labels point at its own controls. */
  idPrefix: string;
  media: ReturnType<typeof useLocalMedia>;
  speakers: ReturnType<typeof useSpeakers>;
  disabled?: boolean;
  levelHint?: string;
  className?: string;
}) {
  const d = useTranslations('Devices');
  return (
    <section aria-label={d('devicesLabel')} className={className}>
      <DeviceSelect
        id={`${idPrefix}-camera`}
        label={d('camera')}
        devices={media.cameras}
        value={media.cameraId}
        onChange={media.selectCamera}
        unnamed={d('camera')}
        none={d('none')}
        disabled={disabled}
      />
      <DeviceSelect
        id={`${idPrefix}-microphone`}
        label={d('microphone')}
        devices={media.microphones}
        value={media.microphoneId}
        onChange={media.selectMicrophone}
        unnamed={d('microphone')}
        none={d('none')}
        disabled={disabled}
      />
      <MicrophoneMeter
        id={`${idPrefix}-level-label`}
        label={d('microphoneLevel')}
        level={media.level}
        hint={levelHint}
      />
      <SpeakerField id={`${idPrefix}-speaker`} speakers={speakers} />
    </section>
  );
}
