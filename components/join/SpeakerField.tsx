'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { useSpeakers } from './use-speakers';

type Speakers = ReturnType<typeof useSpeakers>;

/**
 * The speaker picker with its test: a short tone through the chosen speaker (`setSinkId` where the
 * browser has it), then "Did you hear the test sound?" — only the guest can tell, so the page asks
 * and answers a "no" with what to try. Used by the pre-join and the device check.
 */
export function SpeakerField({ id, speakers }: { id: string; speakers: Speakers }) {
  const t = useTranslations('Devices');
  // The answer belongs to one test: a new test (or another speaker) asks again.
  const [answer, setAnswer] = useState<{ heard: boolean; test: number }>();
  const [test, setTest] = useState(0);

  const play = () => {
    setTest((n) => n + 1);
    void speakers.playTest();
  };
  const answered = answer?.test === test ? answer : undefined;

  return (
    <div className="field" data-testid="speaker-test">
      <label htmlFor={id}>{t('speaker')}</label>
      {speakers.speakers.length > 0 ? (
        <select id={id} value={speakers.speakerId ?? ''} onChange={(e) => speakers.selectSpeaker(e.target.value)}>
          {speakers.speakers.map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {d.label || `${t('speaker')} ${i + 1}`}
            </option>
          ))}
        </select>
      ) : (
        <select id={id} disabled value="">
          <option value="">{t('systemSpeaker')}</option>
        </select>
      )}
      <button type="button" className="button button--secondary" onClick={play} disabled={speakers.testing}>
        {speakers.testing ? t('playingTest') : t('testSpeaker')}
      </button>
      <div aria-live="polite">
        {speakers.outcome === 'failed' ? (
          <p role="alert" className="banner banner--error">
            {t('testFailed')}
          </p>
        ) : null}
        {speakers.outcome === 'played' && !answered ? (
          <fieldset style={{ border: 0, padding: 0, margin: '0.5rem 0 0' }}>
            <legend>{t('heardQuestion')}</legend>
            <button type="button" className="button button--secondary" onClick={() => setAnswer({ heard: true, test })}>
              {t('heardYes')}
            </button>{' '}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setAnswer({ heard: false, test })}
            >
              {t('heardNo')}
            </button>
          </fieldset>
        ) : null}
        {speakers.outcome === 'played' && answered ? (
          <p
            role="status"
            className={`banner banner--${answered.heard ? 'info' : 'error'}`}
            data-testid="speaker-test-result"
          >
            {answered.heard ? t('heardOk') : t('heardHelp')}
          </p>
        ) : null}
      </div>
    </div>
  );
}
