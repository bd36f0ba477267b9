'use client';

import { formatDateTime, formatTime, useTimeZone } from './time';

/** A meeting's time range in the viewer's zone, with the zone named. */
export function LocalDateTime({ start, end }: { start: string; end: string }) {
  const timeZone = useTimeZone();
  return (
    <>
      {formatDateTime(start, timeZone)}–{formatTime(end, timeZone)} ({timeZone})
    </>
  );
}
