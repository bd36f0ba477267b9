import { describe, expect, it } from 'vitest';

import { parseJoinLink, parseMeetingId } from './meeting-link';

const TID = '0f557ec4-039c-4796-b8e6-5e36072d90bc';
const OID = '6e2f6b5a-3c1d-4f0e-9a1b-2c3d4e5f6a01';
const THREAD = '19:meeting_NTE4NGRjYjEtMTcxNi00NTE3@thread.v2';
const encodedLong = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_NTE4NGRjYjEtMTcxNi00NTE3%40thread.v2/0?context=%7b%22Tid%22%3a%22${TID}%22%2c%22Oid%22%3a%22${OID}%22%7d`;

describe('the emulator accepts only the meeting locators ACS takes', () => {
  it('reads tenant, organizer and thread from a long meetup-join link, encoded or not', () => {
    const expected = { kind: 'thread', threadId: THREAD, messageId: '0', tenantId: TID, organizerId: OID };
    expect(parseJoinLink(encodedLong)).toEqual({ ok: true, locator: expected });
    expect(parseJoinLink(decodeURIComponent(encodedLong))).toEqual({ ok: true, locator: expected });
    // Extra context keys (Teams adds MessageId for channel meetings) don't matter.
    const withMessageId = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=${encodeURIComponent(JSON.stringify({ Tid: TID, Oid: OID, MessageId: '0' }))}`;
    expect(parseJoinLink(withMessageId).ok).toBe(true);
  });

  it('reads the short /meet/ link as meeting ID and passcode', () => {
    expect(parseJoinLink('https://teams.microsoft.com/meet/123456789012?p=Ab12Cd')).toEqual({
      ok: true,
      locator: { kind: 'meetingId', meetingId: '123456789012', passcode: 'Ab12Cd' },
    });
  });

  it('refuses what only the app unwraps: Safe Links, the launcher, text around a link', () => {
    const safeLinks = `https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent(encodedLong)}&data=x`;
    const launcher = `https://teams.microsoft.com/dl/launcher/launcher.html?url=${encodeURIComponent('/_#/l/meetup-join/x')}&type=meetup-join`;
    for (const link of [safeLinks, launcher, `Join here: ${encodedLong}`, `<${encodedLong}>`]) {
      expect(parseJoinLink(link)).toEqual({ ok: false, why: 'invalid' });
    }
  });

  it('refuses links without the tenant and organizer, on other hosts, or over http', () => {
    const bad = [
      `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD)}/0`,
      `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=${encodeURIComponent(JSON.stringify({ Tid: TID }))}`,
      encodedLong.replace('https://teams.microsoft.com', 'https://teams.evil.example'),
      encodedLong.replace('https://', 'http://'),
      encodedLong.replace('teams.microsoft.com', 'teams.microsoft.com:8443'),
      'https://teams.microsoft.com/meet/12345?p=abc',
      'not a link',
    ];
    for (const link of bad) expect(parseJoinLink(link)).toEqual({ ok: false, why: 'invalid' });
  });

  it('recognises Teams for home only to say it cannot be joined', () => {
    expect(parseJoinLink('https://teams.live.com/meet/9876543210123?p=abcdef')).toEqual({
      ok: false,
      why: 'teamsForHome',
    });
  });

  it('takes a meeting ID with the spaces Teams shows, and keeps the passcode exactly as typed', () => {
    expect(parseMeetingId('123 456 789 012', 'aBc123')).toEqual({
      ok: true,
      locator: { kind: 'meetingId', meetingId: '123456789012', passcode: 'aBc123' },
    });
    expect(parseMeetingId('12345', 'abc').ok).toBe(false);
    expect(parseMeetingId('123456789012', 'a b').ok).toBe(false);
  });
});
