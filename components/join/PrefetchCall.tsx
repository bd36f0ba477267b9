'use client';

import { useEffect } from 'react';
import { prefetchGuestCall } from '@/components/call/GuestCallLoader';

/** Renders nothing; starts loading the call's code while the guest signs in (see prefetchGuestCall). */
export function PrefetchCall() {
  useEffect(prefetchGuestCall, []);
  return null;
}
