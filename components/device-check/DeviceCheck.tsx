'use client';

// Must stay the first import: it configures Fluent UI before Fluent loads.
import '@/components/ui/fluent-setup';
import {
  CameraButton,
  FluentThemeProvider,
  LocalizationProvider,
  MicrophoneButton,
  type CompositeLocale,
} from '@azure/communication-react';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { loadCompositeLocale } from '@/components/call/composite-locale';
import { DevicePickers } from '@/components/join/DevicePickers';
import { useSpeakers } from '@/components/join/use-speakers';
import { registerFluentIcons } from '@/components/ui/fluent-icons';
import { useLocalMedia } from '@/lib/calling/use-local-media';

registerFluentIcons();

/** The UI Library's own strings in the page's language, for its buttons (as in the call itself). */
function useLibraryLocale(): CompositeLocale | undefined {
  const locale = useLocale();
  const [loaded, setLoaded] = useState<{ locale: string; strings: CompositeLocale }>();
  useEffect(() => {
    let cancelled = false;
    loadCompositeLocale(locale).then(
      (strings) => !cancelled && setLoaded({ locale, strings }),
      () => undefined, // The buttons keep their built-in English.
    );
    return () => {
      cancelled = true;
    };
  }, [locale]);
  return loaded?.locale === locale ? loaded.strings : undefined;
}

/**
 * Camera preview, microphone level, device pickers and a speaker test, with the UI Library's own
 * buttons: what a guest sees before joining, usable on its own to test a setup.
 */
export default function DeviceCheck() {
  const d = useTranslations('Devices');
  const m = useTranslations('Media');
  const media = useLocalMedia();
  const speakers = useSpeakers(media.status === 'ready');
  const library = useLibraryLocale();
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (video.current) video.current.srcObject = media.videoStream;
  }, [media.videoStream]);

  const buttons = (
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
  );

  return (
    <FluentThemeProvider>
      {media.status === 'requesting' ? (
        <p role="status" className="banner banner--info">
          {d('requesting')}
        </p>
      ) : null}
      {media.problem ? (
        <div role="alert" className="banner banner--error">
          {m(media.problem)}{' '}
          <button type="button" className="button button--secondary" onClick={media.retry}>
            {d('tryAgain')}
          </button>
        </div>
      ) : null}

      <div className="device-check">
        <section aria-label={d('previewLabel')}>
          <div className="device-check__preview">
            {media.videoStream ? (
              <video ref={video} autoPlay playsInline muted data-testid="camera-preview" aria-label={d('yourCamera')} />
            ) : (
              <p style={{ color: '#fff', textAlign: 'center', marginTop: '20%' }}>
                {media.cameraOn ? d('cameraStarting') : d('cameraOff')}
              </p>
            )}
          </div>
          {library ? <LocalizationProvider locale={library.component}>{buttons}</LocalizationProvider> : buttons}
        </section>

        <DevicePickers
          idPrefix="device-check"
          className="card"
          media={media}
          speakers={speakers}
          levelHint={media.microphoneOn ? d('speakHint') : d('microphoneMuted')}
        />
      </div>
    </FluentThemeProvider>
  );
}
