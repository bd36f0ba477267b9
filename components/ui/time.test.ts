import { describe, expect, it } from 'vitest';
import { dayKey, formatDateTime, formatTime } from './time';

describe('meeting times in the viewer’s zone', () => {
  const iso = '2026-11-30T23:30:00Z';

  it('formats each zone in that zone, even after another zone was formatted (formatters are kept per zone)', () => {
    expect(formatTime(iso, 'UTC')).toBe('23:30');
    expect(formatTime(iso, 'Europe/Berlin')).toBe('00:30');
    expect(formatTime(iso, 'UTC')).toBe('23:30');
    expect(dayKey(iso, 'UTC')).toBe('2026-11-30');
    expect(dayKey(iso, 'Asia/Tokyo')).toBe('2026-12-01');
  });

  it('keeps each format apart: the same zone gives a date and time, or only the time', () => {
    expect(formatDateTime(iso, 'UTC')).toBe('30 Nov 2026, 23:30');
    expect(formatTime(iso, 'UTC')).toBe('23:30');
  });
});
