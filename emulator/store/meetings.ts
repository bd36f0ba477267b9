import { randomInt, randomUUID } from 'node:crypto';

import { TENANT_ID } from '../constants';
import type { Db } from './db';
import type { User } from './users';

export const LOBBY_SCOPES = [
  'organizer',
  'organization',
  'organizationAndFederated',
  'organizationExcludingGuests',
  'everyone',
  'invited',
] as const;
export type LobbyScope = (typeof LOBBY_SCOPES)[number];

/** An onlineMeeting resource as Graph v1.0 returns it (without `@odata.context`). */
export type OnlineMeeting = {
  id: string;
  creationDateTime: string;
  startDateTime: string;
  endDateTime: string;
  subject: string;
  joinWebUrl: string;
  joinUrl: string;
  videoTeleconferenceId: string | null;
  isEntryExitAnnounced: boolean;
  allowedPresenters: string;
  allowMeetingChat: string;
  allowTeamworkReactions: boolean;
  recordAutomatically: boolean;
  isBroadcast: boolean;
  externalId: string | null;
  chatInfo: { threadId: string; messageId: string; replyChainMessageId: string | null };
  joinInformation: { content: string; contentType: 'html' };
  joinMeetingIdSettings: { joinMeetingId: string; passcode: string; isPasscodeRequired: boolean };
  lobbyBypassSettings: { scope: LobbyScope; isDialInBypassEnabled: boolean };
  participants: {
    organizer: {
      upn: string;
      role: 'presenter';
      identity: {
        application: null;
        device: null;
        user: { id: string; displayName: string; tenantId: string; identityProvider: 'AAD' };
      };
    };
    attendees: unknown[];
  };
};

export type CalendarEvent = {
  id: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  subject: string;
  bodyPreview: string;
  body: { contentType: 'html' | 'text'; content: string };
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  isAllDay: boolean;
  isCancelled: boolean;
  isOrganizer: boolean;
  showAs: string;
  type: 'singleInstance';
  webLink: string;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: 'teamsForBusiness' | 'unknown';
  onlineMeeting: { joinUrl: string } | null;
  organizer: { emailAddress: { name: string; address: string } };
  attendees: unknown[];
};

export type MeetingInput = {
  subject?: string;
  startDateTime: string;
  endDateTime: string;
  lobbyBypassScope?: LobbyScope;
  isDialInBypassEnabled?: boolean;
  allowedPresenters?: string;
  allowMeetingChat?: string;
};

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/=+$/, '');

/** Graph writes date-times with seven fractional digits in UTC. */
export function graphDateTime(d: Date): string {
  return `${d.toISOString().slice(0, 23)}0000`;
}

export function isoUtc(d: Date): string {
  return d.toISOString();
}

function digits(n: number): string {
  let s = String(randomInt(1, 10));
  while (s.length < n) s += String(randomInt(0, 10));
  return s;
}

function passcode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let s = '';
  for (let i = 0; i < 6; i++) s += alphabet[randomInt(0, alphabet.length)];
  return s;
}

export function longJoinUrl(threadId: string, organizerId: string): string {
  const thread = encodeURIComponent(threadId).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  const context = `%7b%22Tid%22%3a%22${TENANT_ID}%22%2c%22Oid%22%3a%22${organizerId}%22%7d`;
  return `https://teams.microsoft.com/l/meetup-join/${thread}/0?context=${context}`;
}

export function shortJoinUrl(joinMeetingId: string, pass: string): string {
  return `https://teams.microsoft.com/meet/${joinMeetingId}?p=${pass}`;
}

/**
 * An onlineMeeting id: standard base64 (alphabet with `+` and `/`, `=` padding), as Graph's ids are,
 * of Graph's `1*<organizer oid>*0**<thread id>` text. That text alone happens to encode without `+`
 * and `/`, so three fixed bytes are added before encoding to make every emulator id carry `+`, `/`
 * and padding: a client that puts an id into a URL path without percent-encoding it (`%2F`) then
 * fails here on the first try, as it would in Graph on the first such id. Ids are opaque to clients.
 */
function meetingId(organizerId: string, threadId: string): string {
  const text = Buffer.from(`1*${organizerId}*0**${threadId}`, 'utf8');
  const align = Buffer.alloc((3 - (text.length % 3)) % 3, 0x2a); // '*', so the tail starts a base64 group
  return Buffer.concat([text, align, Buffer.from([0xfb, 0xff, 0xbe, 0x2a])]).toString('base64');
}

export function buildMeeting(organizer: User, input: MeetingInput): OnlineMeeting {
  // Real thread ids are base64 of a GUID; skip the rare ones with '+' or '/' so links survive
  // clients that put them in a query string unencoded.
  let token = b64(randomUUID());
  while (/[+/]/.test(token)) token = b64(randomUUID());
  const threadId = `19:meeting_${token}@thread.v2`;
  const joinMeetingId = digits(randomInt(12, 14));
  const pass = passcode();
  const joinWebUrl = longJoinUrl(threadId, organizer.id);
  return {
    id: meetingId(organizer.id, threadId),
    creationDateTime: new Date().toISOString(),
    startDateTime: new Date(input.startDateTime).toISOString(),
    endDateTime: new Date(input.endDateTime).toISOString(),
    subject: input.subject ?? '',
    joinWebUrl,
    joinUrl: joinWebUrl,
    videoTeleconferenceId: null,
    isEntryExitAnnounced: true,
    allowedPresenters: input.allowedPresenters ?? 'everyone',
    allowMeetingChat: input.allowMeetingChat ?? 'enabled',
    allowTeamworkReactions: true,
    recordAutomatically: false,
    isBroadcast: false,
    externalId: null,
    chatInfo: { threadId, messageId: '0', replyChainMessageId: null },
    joinInformation: {
      content: `data:text/html,${encodeURIComponent(`<p><a href="${joinWebUrl}">Join the meeting now</a></p><p>Meeting ID: ${joinMeetingId} Passcode: ${pass}</p>`)}`,
      contentType: 'html',
    },
    joinMeetingIdSettings: { joinMeetingId, passcode: pass, isPasscodeRequired: true },
    lobbyBypassSettings: {
      scope: input.lobbyBypassScope ?? 'organization',
      isDialInBypassEnabled: input.isDialInBypassEnabled ?? false,
    },
    participants: {
      organizer: {
        upn: organizer.upn,
        role: 'presenter',
        identity: {
          application: null,
          device: null,
          user: { id: organizer.id, displayName: organizer.displayName, tenantId: TENANT_ID, identityProvider: 'AAD' },
        },
      },
      attendees: [],
    },
  };
}

type MeetingRow = { id: string; organizer_id: string; event_id: string | null; doc: string };

export type StoredMeeting = { meeting: OnlineMeeting; organizerId: string; eventId: string | null };

const toStored = (r: MeetingRow): StoredMeeting => ({
  meeting: JSON.parse(r.doc) as OnlineMeeting,
  organizerId: r.organizer_id,
  eventId: r.event_id,
});

export function insertMeeting(db: Db, organizerId: string, m: OnlineMeeting, eventId: string | null): void {
  db.prepare(
    'INSERT INTO meetings (id, organizer_id, join_web_url, short_url, join_meeting_id, event_id, doc) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    m.id,
    organizerId,
    m.joinWebUrl,
    shortJoinUrl(m.joinMeetingIdSettings.joinMeetingId, m.joinMeetingIdSettings.passcode),
    m.joinMeetingIdSettings.joinMeetingId,
    eventId,
    JSON.stringify(m),
  );
}

export function updateMeeting(db: Db, m: OnlineMeeting): void {
  db.prepare('UPDATE meetings SET doc = ? WHERE id = ?').run(JSON.stringify(m), m.id);
}

export function getMeeting(db: Db, id: string): StoredMeeting | undefined {
  const row = db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined;
  return row ? toStored(row) : undefined;
}

export function deleteMeeting(db: Db, id: string): void {
  db.prepare('DELETE FROM meetings WHERE id = ?').run(id);
}

/**
 * Graph compares `JoinWebUrl` as an exact string with the joinWebUrl it stored: no percent-decoding,
 * no case folding, and the short `/meet/` link of a meeting is not its joinWebUrl. So does this.
 */
export function findMeetingsByJoinUrl(db: Db, organizerId: string, url: string): StoredMeeting[] {
  const rows = db
    .prepare('SELECT * FROM meetings WHERE organizer_id = ? AND join_web_url = ?')
    .all(organizerId, url) as MeetingRow[];
  return rows.map(toStored);
}

export function findMeetingsByJoinMeetingId(db: Db, organizerId: string, joinMeetingId: string): StoredMeeting[] {
  const rows = db
    .prepare('SELECT * FROM meetings WHERE organizer_id = ? AND join_meeting_id = ?')
    .all(organizerId, joinMeetingId.replace(/\s+/g, '')) as MeetingRow[];
  return rows.map(toStored);
}

/**
 * A calendar event as Graph returns it: an ordinary one, or (with `meeting`) a Teams meeting's event
 * with its join link.
 */
export function buildEvent(
  organizer: User,
  input: { subject: string; startDateTime: string; endDateTime: string; meeting?: OnlineMeeting },
  body?: { contentType: 'html' | 'text'; content: string },
): CalendarEvent {
  const now = new Date().toISOString();
  const id = `AAMkA${Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url')}AAA=`;
  return {
    id,
    createdDateTime: now,
    lastModifiedDateTime: now,
    subject: input.subject,
    bodyPreview: (body?.content ?? '').replace(/<[^>]*>/g, '').slice(0, 255),
    body: body ?? { contentType: 'html', content: '' },
    start: { dateTime: graphDateTime(new Date(input.startDateTime)), timeZone: 'UTC' },
    end: { dateTime: graphDateTime(new Date(input.endDateTime)), timeZone: 'UTC' },
    isAllDay: false,
    isCancelled: false,
    isOrganizer: true,
    showAs: 'busy',
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    isOnlineMeeting: Boolean(input.meeting),
    onlineMeetingProvider: input.meeting ? 'teamsForBusiness' : 'unknown',
    onlineMeeting: input.meeting ? { joinUrl: input.meeting.joinWebUrl } : null,
    organizer: { emailAddress: { name: organizer.displayName, address: organizer.upn } },
    attendees: [],
  };
}

export function insertEvent(db: Db, organizerId: string, e: CalendarEvent, startUtc: string, endUtc: string): void {
  db.prepare('INSERT INTO events (id, organizer_id, start_utc, end_utc, doc) VALUES (?, ?, ?, ?, ?)').run(
    e.id,
    organizerId,
    startUtc,
    endUtc,
    JSON.stringify(e),
  );
}

/** Events overlapping [start, end), ordered by start, as calendarView returns them. */
export function eventsInWindow(db: Db, organizerId: string, startUtc: string, endUtc: string): CalendarEvent[] {
  const rows = db
    .prepare('SELECT doc FROM events WHERE organizer_id = ? AND start_utc < ? AND end_utc > ? ORDER BY start_utc, id')
    .all(organizerId, endUtc, startUtc) as { doc: string }[];
  return rows.map((r) => JSON.parse(r.doc) as CalendarEvent);
}

/** Creates a Teams meeting, and its calendar event when `onCalendar`, in one transaction. */
export function createMeeting(
  db: Db,
  organizer: User,
  input: MeetingInput,
  opts: { onCalendar: boolean; body?: { contentType: 'html' | 'text'; content: string } },
): { meeting: OnlineMeeting; event: CalendarEvent | null } {
  const meeting = buildMeeting(organizer, input);
  const event = opts.onCalendar ? buildEvent(organizer, { ...meeting, meeting }, opts.body) : null;
  db.transaction(() => {
    insertMeeting(db, organizer.id, meeting, event?.id ?? null);
    if (event) insertEvent(db, organizer.id, event, meeting.startDateTime, meeting.endDateTime);
  })();
  return { meeting, event };
}
