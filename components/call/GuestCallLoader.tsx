'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import type { GuestCallProps } from './GuestCall';

/** The call's code (UI Library, WebRTC adapter) loads in the browser only. */
export const loadGuestCall = () => import('./GuestCall');

let prefetched = false;

/**
 * Starts loading the call's code once the browser is idle, so Join now never waits for it: called
 * while the guest signs in and again on the pre-join (loading twice costs nothing, the module is
 * cached). Idle, not at once: the code is megabytes, and the page's own first paint, the sign-in
 * form and the camera preview come first.
 */
export function prefetchGuestCall(): void {
  if (prefetched || typeof window === 'undefined') return;
  prefetched = true;
  const load = () => void loadGuestCall().catch(() => (prefetched = false));
  if ('requestIdleCallback' in window) window.requestIdleCallback(load, { timeout: 1500 });
  else setTimeout(load, 200);
}

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
