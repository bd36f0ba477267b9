'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import type { EndMessage } from './end-messages';

/**
 * Vestibule's own end of a call: what happened (the heading), what to do, and Rejoin where joining
 * again can work. The heading takes focus so screen readers announce the end at once.
 */
export function EndScreen({
  message,
  subject,
  rejoining,
  onRejoin,
}: {
  message: EndMessage;
  subject: string;
  rejoining: boolean;
  onRejoin: () => void;
}) {
  const t = useTranslations('End');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [message]);
  return (
    <section data-testid="call-ended" aria-labelledby="call-ended-heading">
      <h1 id="call-ended-heading" ref={heading} tabIndex={-1}>
        {t(`${message.key}.title`)}
      </h1>
      <p>{t(`${message.key}.action`)}</p>
      {message.detail ? <p style={{ fontSize: '0.9rem' }}>{t('details', { detail: message.detail })}</p> : null}
      <p style={{ color: 'var(--muted)' }}>{t('meeting', { subject })}</p>
      {message.canRejoin ? (
        <button type="button" className="button" onClick={onRejoin} disabled={rejoining}>
          {t('rejoin')}
        </button>
      ) : null}
    </section>
  );
}
