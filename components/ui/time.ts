'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

/**
 * The viewer's time zone. The server renders in UTC (it cannot know the zone); the browser then
 * re-renders in its own zone, without a hydration mismatch.
 */
export function useTimeZone(): string {
  return useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => 'UTC',
  );
}

const FORMATS = {
  day: ['en-GB', { weekday: 'long', day: 'numeric', month: 'long' }],
  time: ['en-GB', { hour: '2-digit', minute: '2-digit' }],
  dateTime: ['en-GB', { dateStyle: 'medium', timeStyle: 'short' }],
  dayKey: ['en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }],
} as const satisfies Record<string, readonly [string, Intl.DateTimeFormatOptions]>;

/**
 * One formatter per format and zone, kept: building an Intl.DateTimeFormat (locale data, zone
 * rules) costs far more than formatting with one, and the server renders these on every invitation
 * page, the portal on every list row.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: keyof typeof FORMATS, timeZone: string, locale?: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}|${locale ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    const [defaultLocale, options] = FORMATS[kind];
    f = new Intl.DateTimeFormat(locale ?? defaultLocale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

export const formatDay = (iso: string, timeZone: string) => formatter('day', timeZone).format(new Date(iso));

/** `locale`: a BCP 47 tag; staff pages use the default (British English: day-month order, 24-hour clock). */
export const formatTime = (iso: string, timeZone: string, locale?: string) =>
  formatter('time', timeZone, locale).format(new Date(iso));
export const formatDateTime = (iso: string, timeZone: string, locale?: string) =>
  formatter('dateTime', timeZone, locale).format(new Date(iso));

/** Calendar-day key in the viewer's zone, for grouping. */
export const dayKey = (iso: string, timeZone: string) => formatter('dayKey', timeZone).format(new Date(iso));
