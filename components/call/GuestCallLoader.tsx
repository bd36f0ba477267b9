'use client';

import dynamic from 'next/dynamic';
import type { GuestCallProps } from './GuestCall';

/** The call's code (UI Library, WebRTC adapter) loads in the browser only, and the pre-join prefetches it. */
export const loadGuestCall = () => import('./GuestCall');

const GuestCall = dynamic(loadGuestCall, {
  ssr: false,
  loading: () => (
    <p role="status" data-testid="guest-call-loading">
      Loading the meeting…
    </p>
  ),
});

export function GuestCallLoader(props: GuestCallProps) {
  return <GuestCall {...props} />;
}
