'use client';

import dynamic from 'next/dynamic';

// The UI Library touches `window` and media APIs at import time: it can only load in the browser.
const DeviceCheck = dynamic(() => import('./DeviceCheck'), {
  ssr: false,
  loading: () => <p role="status">Loading the device check…</p>,
});

export function DeviceCheckLoader() {
  return <DeviceCheck />;
}
