/**
 * Converts a Graph dateTimeTimeZone (local wall time + IANA zone, or UTC) to a Date.
 * Windows zone names ("Pacific Standard Time") are not supported by the emulator.
 */
export function zonedToUtc(dateTime: string, timeZone: string | undefined): Date | undefined {
  if (/(Z|[+-]\d\d:?\d\d)$/i.test(dateTime)) {
    const d = new Date(dateTime);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  const asUtc = new Date(`${dateTime}Z`);
  if (Number.isNaN(asUtc.getTime())) return undefined;
  const tz = timeZone ?? 'UTC';
  if (/^(utc|etc\/utc|gmt|z)$/i.test(tz)) return asUtc;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    return undefined;
  }
  const offsetAt = (d: Date) => {
    const p = Object.fromEntries(fmt.formatToParts(d).map((x) => [x.type, x.value]));
    const wall = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
      Number(p.second),
    );
    return wall - Math.floor(d.getTime() / 1000) * 1000;
  };
  const first = asUtc.getTime() - offsetAt(asUtc);
  return new Date(asUtc.getTime() - offsetAt(new Date(first)));
}

/** Parses a calendarView window bound: ISO 8601, offset optional (UTC assumed, as Graph does). */
export function parseWindowBound(v: string): Date | undefined {
  return zonedToUtc(v.trim(), 'UTC');
}
