import { describe, expect, it } from 'vitest';
import { buildCalendarInvite, escapeText, foldLine, type CalendarInvite } from './calendar-invite';

const invite: CalendarInvite = {
  uid: '0123456789abcdef0123456789abcdef@meet.contoso.com',
  sequence: 0,
  stamp: new Date('2026-11-20T10:15:30.123Z'),
  start: new Date('2026-12-01T08:00:00Z'),
  end: new Date('2026-12-01T09:30:00Z'),
  summary: 'Quarterly review',
  description: 'How to join:\n1. Open your invitation',
  url: 'https://meet.contoso.com/join/AbCdEfGhIjKlMnOpQrStUv_-',
  organizer: { name: 'Adele Vance', email: 'adele@contoso.com' },
  attendee: { name: 'Grace Hopper', email: 'grace@example.com' },
};

/** What a calendar client does before reading properties: undo the folding (RFC 5545 §3.1). */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

function property(ics: string, name: string): string | undefined {
  return unfold(ics).find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`));
}

describe('calendar invitation (.ics)', () => {
  it('is an iTIP request with one event, CRLF line ends and the times in UTC', () => {
    const ics = buildCalendarInvite(invite);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(unfold(ics)).toContain('METHOD:REQUEST');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(property(ics, 'DTSTART')).toBe('DTSTART:20261201T080000Z');
    expect(property(ics, 'DTEND')).toBe('DTEND:20261201T093000Z');
    expect(property(ics, 'DTSTAMP')).toBe('DTSTAMP:20261120T101530Z');
    expect(property(ics, 'UID')).toBe(`UID:${invite.uid}`);
    expect(property(ics, 'SEQUENCE')).toBe('SEQUENCE:0');
    expect(property(ics, 'URL')).toBe(`URL:${invite.url}`);
  });

  it('names the inviter as organizer and the guest as attendee asked to reply', () => {
    const ics = buildCalendarInvite(invite);
    expect(property(ics, 'ORGANIZER')).toBe('ORGANIZER;CN="Adele Vance":mailto:adele@contoso.com');
    expect(property(ics, 'ATTENDEE')).toBe(
      'ATTENDEE;CN="Grace Hopper";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:grace@example.com',
    );
    // A guest invited without a name is shown by address; quotes in a name cannot break the parameter.
    const nameless = buildCalendarInvite({
      ...invite,
      attendee: { name: null, email: 'x@example.com' },
      organizer: { name: 'Eve "the boss"; Bcc:\r\nx', email: 'eve@contoso.com' },
    });
    expect(property(nameless, 'ATTENDEE')).toContain('CN="x@example.com"');
    expect(property(nameless, 'ORGANIZER')).toBe('ORGANIZER;CN="Eve the boss; Bcc:x":mailto:eve@contoso.com');
  });

  it('escapes backslash, semicolon, comma and line breaks in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    const ics = buildCalendarInvite({ ...invite, summary: 'Q&A; budget, plans\\notes', description: 'one\ntwo' });
    expect(property(ics, 'SUMMARY')).toBe('SUMMARY:Q&A\\; budget\\, plans\\\\notes');
    expect(property(ics, 'DESCRIPTION')).toBe('DESCRIPTION:one\\ntwo');
  });

  it('folds every line at 75 octets without splitting a character, and unfolds to the original', () => {
    const summary = `Überprüfung ${'Квартальный обзор 四半期レビュー 😀 '.repeat(6)}`.trim();
    const ics = buildCalendarInvite({ ...invite, summary, description: 'x'.repeat(400) });
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    // Continuation lines start with one space; the text itself is intact, every character whole.
    expect(ics.split('\r\n').filter((l) => l.startsWith(' ')).length).toBeGreaterThan(6);
    expect(property(ics, 'SUMMARY')).toBe(`SUMMARY:${summary}`);
    expect(property(ics, 'DESCRIPTION')).toBe(`DESCRIPTION:${'x'.repeat(400)}`);
    expect(ics).not.toContain('\uFFFD');

    expect(foldLine('a'.repeat(75))).toBe('a'.repeat(75));
    expect(foldLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`);
    // 74 octets, then a 4-octet emoji that would end at octet 78: it moves whole to the next line.
    expect(foldLine(`${'a'.repeat(74)}😀b`)).toBe(`${'a'.repeat(74)}\r\n 😀b`);
  });

  it('keeps a resend the same event: same UID, higher SEQUENCE', () => {
    const first = buildCalendarInvite(invite);
    const resent = buildCalendarInvite({ ...invite, sequence: 3600, stamp: new Date('2026-11-20T11:15:30Z') });
    expect(property(resent, 'UID')).toBe(property(first, 'UID'));
    expect(property(resent, 'SEQUENCE')).toBe('SEQUENCE:3600');
  });
});
