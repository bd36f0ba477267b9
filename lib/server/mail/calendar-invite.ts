import 'server-only';

/**
 * An RFC 5545 calendar invitation (iTIP `METHOD:REQUEST`, RFC 5546) with one VEVENT, so a mail client
 * offers Accept/Decline and puts the meeting in the guest's calendar.
 *
 * Hand-written rather than a library: Vestibule needs one fixed event shape, and the candidates cost
 * more than these lines — ical-generator's current major requires Node 22 (this project runs on 20),
 * and `ics` brings yup (a second validation library beside zod) and its own id generator.
 */
export interface CalendarInvite {
  /** Stable for the thing invited to: a resend with the same UID updates the event instead of adding one. */
  uid: string;
  /** Grows with each revision sent (RFC 5545 §3.8.7.4): clients replace the event only for a higher one. */
  sequence: number;
  /** When this revision was made (DTSTAMP). */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  /** Where to join (URL and LOCATION). */
  url: string;
  organizer: { name: string; email: string };
  attendee: { name?: string | null; email: string };
}

/** UTC date-time form (`19980119T070000Z`): no time-zone definitions needed, every client converts it. */
function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** TEXT values (§3.3.11): backslash, semicolon and comma are escaped; line breaks become `\n`. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * A parameter value such as CN (§3.2): always quoted, and a quoted string can hold neither DQUOTE nor
 * control characters, so those are dropped (a name is shown, never parsed).
 */
function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return `"${value.replace(/["\u0000-\u001f\u007f]/g, '').trim()}"`;
}

/**
 * Folds a content line at 75 octets (§3.1): CRLF followed by one space, never inside a UTF-8
 * sequence (a name or subject may be in any script), the space counting towards the next line's 75.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The `.ics` text: CRLF line ends, folded lines, UTC times. */
export function buildCalendarInvite(invite: CalendarInvite): string {
  const attendeeName = invite.attendee.name?.trim() || invite.attendee.email;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Vestibule//Guest invitation//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${invite.uid}`,
    `SEQUENCE:${Math.max(0, Math.floor(invite.sequence))}`,
    `DTSTAMP:${utc(invite.stamp)}`,
    `DTSTART:${utc(invite.start)}`,
    `DTEND:${utc(invite.end)}`,
    `SUMMARY:${escapeText(invite.summary)}`,
    `DESCRIPTION:${escapeText(invite.description)}`,
    `LOCATION:${escapeText(invite.url)}`,
    `URL:${invite.url}`,
    `ORGANIZER;CN=${paramValue(invite.organizer.name)}:mailto:${invite.organizer.email}`,
    `ATTENDEE;CN=${paramValue(attendeeName)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${invite.attendee.email}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
