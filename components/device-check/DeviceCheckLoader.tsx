'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';

function Loading() {
  const t = useTranslations('DeviceCheck');
  return <p role="status">{t('loading')}</p>;
}

// The UI Library touches `window` and media APIs at import time: it can only load in the browser.
const DeviceCheck = dynamic(() => import('./DeviceCheck'), { ssr: false, loading: () => <Loading /> });

export function DeviceCheckLoader() {
  return <DeviceCheck />;
}
