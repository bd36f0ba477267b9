'use client';

import { useSyncExternalStore } from 'react';

/** Phones get the composite's mobile layout; a narrow window on a desktop too. */
const PHONE_QUERY = '(max-width: 640px), (pointer: coarse) and (max-width: 900px)';

/** The `formFactor` for a composite, following the window (rotating a phone, resizing a window). */
export function useFormFactor(): 'mobile' | 'desktop' {
  const phone = useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(PHONE_QUERY);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(PHONE_QUERY).matches,
    () => false,
  );
  return phone ? 'mobile' : 'desktop';
}
