'use client';

import Link from 'next/link';
import { dayKey, formatDay, formatTime, useTimeZone } from '@/components/ui/time';
import type { CalendarMeeting } from '@/lib/api/meetings';

/** "3 guests invited · 1 joined", or that nobody is invited yet. */
export function guestCounts({ invited, joined }: { invited: number; joined: number }): string {
  if (invited === 0) return 'No guests invited yet';
  return `${invited} ${invited === 1 ? 'guest' : 'guests'} invited · ${joined} joined`;
}

/** The coming meetings, grouped by day in the viewer's own time zone. */
export function MeetingList({ meetings }: { meetings: CalendarMeeting[] }) {
  const timeZone = useTimeZone();
  if (meetings.length === 0) {
    return (
      <p className="banner banner--info">
        No Teams meetings in the next two weeks. Schedule one below, or look one up by its link.
      </p>
    );
  }
  const days = new Map<string, CalendarMeeting[]>();
  for (const m of meetings) {
    const key = dayKey(m.start, timeZone);
    days.set(key, [...(days.get(key) ?? []), m]);
  }
  return (
    <div>
      <p className="muted" style={{ color: 'var(--muted)' }}>
        Times in {timeZone}.
      </p>
      {[...days.entries()].map(([key, items]) => (
        <section key={key} aria-labelledby={`day-${key}`}>
          <h3 id={`day-${key}`}>{formatDay(items[0]!.start, timeZone)}</h3>
          <ul className="meeting-list">
            {items.map((m) => {
              // The meeting's own page (invitations, guests, Join as host); only its organizer can open it.
              const href =
                m.joinWebUrl && m.isOrganizer
                  ? `/portal/meetings/open?joinUrl=${encodeURIComponent(m.joinWebUrl)}`
                  : undefined;
              return (
                <li key={m.eventId} className="meeting-row">
                  <span className="meeting-row__time">
                    {formatTime(m.start, timeZone)}–{formatTime(m.end, timeZone)}
                  </span>
                  <span className="meeting-row__subject">
                    <strong>{href ? <Link href={href}>{m.subject}</Link> : m.subject}</strong>
                    {/* One's own meetings need no "organized by" (it would be the reader every time). */}
                    {m.organizerName && !m.isOrganizer ? <small> · organized by {m.organizerName}</small> : null}
                    {m.guests ? <span className="meeting-row__counts">{guestCounts(m.guests)}</span> : null}
                  </span>
                  {href ? (
                    <Link className="button button--secondary" href={href} aria-label={`Share ${m.subject}`}>
                      Share
                    </Link>
                  ) : (
                    <span className="meeting-row__note">
                      {m.joinWebUrl ? 'Only its organizer can share it' : 'No Teams link: can’t be shared'}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
