'use client';

import { formatDateTime, formatTime, useTimeZone } from './time';

/** A meeting's time range in the viewer's zone, with the zone named; `locale` for a guest page's language. */
export function LocalDateTime({ start, end, locale }: { start: string; end: string; locale?: string }) {
  const timeZone = useTimeZone();
  // Plain `en` would mean US order and a 12-hour clock; English pages keep the site's British style.
  const tag = locale && locale !== 'en' ? locale : undefined;
  return (
    <>
      {formatDateTime(start, timeZone, tag)}–{formatTime(end, timeZone, tag)} ({timeZone})
    </>
  );
}
