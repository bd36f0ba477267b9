'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import type { GuestCallProps } from './GuestCall';

/** The call's code (UI Library, WebRTC adapter) loads in the browser only, and the pre-join prefetches it. */
export const loadGuestCall = () => import('./GuestCall');

function Loading() {
  const t = useTranslations('Call');
  return (
    <p role="status" data-testid="guest-call-loading">
      {t('loading')}
    </p>
  );
}

const GuestCall = dynamic(loadGuestCall, { ssr: false, loading: () => <Loading /> });

export function GuestCallLoader(props: GuestCallProps) {
  return <GuestCall {...props} />;
}
