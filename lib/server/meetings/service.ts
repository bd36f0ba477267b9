import 'server-only';
import type { Client } from '@microsoft/microsoft-graph-client';
import { getConfig } from '@/lib/config.js';
import { graphAccessToken, type Staff } from '@/lib/server/auth/staff';
import { meetingChatMode } from '@/lib/server/acs/chat-scope';
import { AppError } from '@/lib/server/errors';
import { processSingleton } from '@/lib/server/process-singleton';
import { graphClient, graphFailure } from '@/lib/server/graph/client';
import { parseMeetingId, parseMeetingLink, TEAMS_FOR_WORK_HOSTS, type MeetingLocator } from '@/lib/teams/meeting-link';
import type { CalendarMeeting, Meeting } from './types';

/** What Graph returns for an onlineMeeting (the fields Vestibule reads). */
interface GraphOnlineMeeting {
  id: string;
  subject?: string | null;
  startDateTime: string;
  endDateTime: string;
  joinWebUrl: string;
  chatInfo?: { threadId?: string } | null;
  joinMeetingIdSettings?: { joinMeetingId?: string | null; passcode?: string | null } | null;
  lobbyBypassSettings?: { scope?: string | null } | null;
  /** Part of the resource's default properties (no `$select` here), so Graph sends it unasked. */
  allowMeetingChat?: string | null;
  participants?: {
    organizer?: {
      upn?: string | null;
      identity?: { user?: { id?: string; displayName?: string | null } | null } | null;
    } | null;
  } | null;
}

interface GraphEvent {
  id: string;
  subject?: string | null;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  onlineMeeting?: { joinUrl?: string | null } | null;
  isOrganizer?: boolean;
  organizer?: { emailAddress?: { name?: string; address?: string } };
}

const NOT_VISIBLE =
  "Vestibule can't see this meeting. Staff can share meetings they organize: ask the organizer to share it from Vestibule, or check the link or meeting ID.";

function toMeeting(m: GraphOnlineMeeting): Meeting {
  const organizer = m.participants?.organizer;
  return {
    id: m.id,
    subject: m.subject?.trim() || 'Untitled meeting',
    startDateTime: m.startDateTime,
    endDateTime: m.endDateTime,
    joinWebUrl: m.joinWebUrl,
    joinMeetingId: m.joinMeetingIdSettings?.joinMeetingId ?? undefined,
    passcode: m.joinMeetingIdSettings?.passcode ?? undefined,
    organizer: {
      id: organizer?.identity?.user?.id ?? '',
      name: organizer?.identity?.user?.displayName ?? undefined,
      upn: organizer?.upn ?? undefined,
    },
    lobbyBypassScope: m.lobbyBypassSettings?.scope ?? 'organization',
    chatThreadId: m.chatInfo?.threadId ?? undefined,
    allowMeetingChat: meetingChatMode(m.allowMeetingChat) ?? undefined,
  };
}

/** Graph returns event times as "2026-12-01T09:00:00.0000000" in the asked-for zone (UTC here). */
const utcIso = (t: { dateTime: string }) => new Date(`${t.dateTime.replace(/Z$/, '')}Z`).toISOString();

function isTeamsForWorkLink(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && TEAMS_FOR_WORK_HOSTS.includes(u.hostname.toLowerCase());
  } catch {
    return false;
  }
}

/**
 * The SDK only recognises absolute https links to Graph; give it the path relative to the configured
 * Graph instead (works for Graph and the emulator alike), and never follow a link elsewhere.
 */
function nextPagePath(nextLink: string): string {
  const { graph } = getConfig();
  const base = `${graph.baseUrl}/${graph.version}/`;
  if (!nextLink.startsWith(base))
    throw new AppError('upstream_unavailable', 'Microsoft Graph returned an unexpected paging link.');
  return nextLink.slice(base.length);
}

/**
 * A Graph client for this staff member. The token is fetched first, outside the SDK: the SDK wraps
 * anything its middleware throws into a GraphError with status -1, which would turn "sign in again"
 * into "Graph could not be reached".
 */
async function clientFor(staff: Staff): Promise<Client> {
  const token = await graphAccessToken(staff);
  return graphClient(() => Promise.resolve(token));
}

const CALENDAR_TTL_MS = 30_000;
const MAX_PAGES = 20;
const calendarCache = processSingleton(
  'calendar-cache',
  () => new Map<string, { key: string; at: number; value: CalendarMeeting[] }>(),
);
/**
 * Bumped by forgetCalendar. A list whose Graph round started before a change (scheduling) may finish
 * after it with the old answer; it is returned but not cached, or the change would stay hidden for
 * the cache's lifetime.
 */
const calendarGenerations = processSingleton('calendar-generations', () => new Map<string, number>());

/**
 * The staff member's Teams meetings between `from` and `to` (calendarView, every page). Cached per
 * user for 30 s, so reloading the list costs at most one Graph round per half minute.
 */
export async function listCalendarMeetings(staff: Staff, range: { from: Date; to: Date }): Promise<CalendarMeeting[]> {
  const key = `${range.from.toISOString()}|${range.to.toISOString()}`;
  const cached = calendarCache.get(staff.id);
  if (cached && cached.key === key && Date.now() - cached.at < CALENDAR_TTL_MS) return cached.value;
  const generation = calendarGenerations.get(staff.id) ?? 0;

  const client = await clientFor(staff);
  const events: GraphEvent[] = [];
  try {
    let page = (await client
      .api('/me/calendarView')
      .query({ startDateTime: range.from.toISOString(), endDateTime: range.to.toISOString() })
      .header('Prefer', 'outlook.timezone="UTC"')
      .select('subject,start,end,isOnlineMeeting,onlineMeetingProvider,onlineMeeting,isOrganizer,organizer')
      .orderby('start/dateTime')
      .top(50)
      .get()) as { value: GraphEvent[]; '@odata.nextLink'?: string };
    events.push(...page.value);
    for (let n = 1; page['@odata.nextLink'] && n < MAX_PAGES; n++) {
      page = (await client
        .api(nextPagePath(page['@odata.nextLink']))
        .header('Prefer', 'outlook.timezone="UTC"')
        .get()) as typeof page;
      events.push(...page.value);
    }
  } catch (error) {
    throw graphFailure(error);
  }

  const value = events
    .filter((e) => e.isOnlineMeeting && (e.onlineMeetingProvider ?? 'teamsForBusiness') === 'teamsForBusiness')
    .map((e) => ({
      eventId: e.id,
      subject: e.subject?.trim() || 'Untitled meeting',
      start: utcIso(e.start),
      end: utcIso(e.end),
      organizerName: e.organizer?.emailAddress?.name,
      organizerEmail: e.organizer?.emailAddress?.address,
      joinWebUrl: isTeamsForWorkLink(e.onlineMeeting?.joinUrl) ? e.onlineMeeting.joinUrl : undefined,
      isOrganizer: e.isOrganizer ?? false,
    }))
    .sort((a, b) => a.start.localeCompare(b.start));
  if ((calendarGenerations.get(staff.id) ?? 0) === generation)
    calendarCache.set(staff.id, { key, at: Date.now(), value });
  return value;
}

/** Meetings already under way still show, so a guest can be invited to one that has just started. */
const LOOK_BACK_MS = 4 * 3600_000;
const LOOK_AHEAD_MS = 14 * 86_400_000;

/** What "My meetings" shows: from a few hours ago to two weeks ahead. */
export function listUpcomingMeetings(staff: Staff): Promise<CalendarMeeting[]> {
  // Whole minutes, so repeated views within the cache lifetime ask for the same window and hit the cache.
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  return listCalendarMeetings(staff, { from: new Date(now - LOOK_BACK_MS), to: new Date(now + LOOK_AHEAD_MS) });
}

export function forgetCalendar(staff: Staff): void {
  calendarCache.delete(staff.id);
  calendarGenerations.set(staff.id, (calendarGenerations.get(staff.id) ?? 0) + 1);
}

/** A meeting the staff member can see through Graph (delegated access: meetings they organize). */
export async function getMeeting(staff: Staff, meetingId: string): Promise<Meeting> {
  if (!meetingId || meetingId.length > 512) throw new AppError('not_found', NOT_VISIBLE);
  try {
    const m = (await (
      await clientFor(staff)
    )
      .api(`/me/onlineMeetings/${encodeURIComponent(meetingId)}`)
      .get()) as GraphOnlineMeeting;
    return toMeeting(m);
  } catch (error) {
    throw graphFailure(error, NOT_VISIBLE);
  }
}

/**
 * An OData string literal for $filter: single quotes doubled, then percent-encoded, because the SDK
 * puts $filter into the query string as is (a join link's own %-escapes must survive the decoding).
 */
const odataString = (value: string) => `'${encodeURIComponent(value.replaceAll("'", "''"))}'`;

async function findByFilter(staff: Staff, filter: string): Promise<Meeting | undefined> {
  try {
    const res = (await (await clientFor(staff)).api('/me/onlineMeetings').filter(filter).get()) as {
      value: GraphOnlineMeeting[];
    };
    const first = res.value[0];
    return first ? toMeeting(first) : undefined;
  } catch (error) {
    throw graphFailure(error, NOT_VISIBLE);
  }
}

/**
 * The join links Graph may have stored for a pasted link, most likely first. Graph matches
 * `JoinWebUrl` byte for byte against what it stored, so the link module already rewrote the paste
 * into the exact form Teams writes. Its context JSON is kept as the organizer's client wrote it;
 * meetings made through Graph store the bare `{"Tid":…,"Oid":…}`, so that form is tried next.
 */
export function joinUrlCandidates(locator: Extract<MeetingLocator, { kind: 'joinUrl' }>): string[] {
  const candidates = [locator.joinWebUrl];
  const cut = locator.joinWebUrl.indexOf('?context=');
  if (cut > 0 && locator.tenantId && locator.organizerId) {
    const bare = `%7b%22Tid%22%3a%22${locator.tenantId}%22%2c%22Oid%22%3a%22${locator.organizerId}%22%7d`;
    const minimal = `${locator.joinWebUrl.slice(0, cut)}?context=${bare}`;
    if (minimal !== locator.joinWebUrl) candidates.push(minimal);
  }
  return candidates;
}

async function findByLocator(staff: Staff, locator: MeetingLocator): Promise<Meeting> {
  if (locator.kind === 'joinUrl') {
    for (const url of joinUrlCandidates(locator)) {
      const meeting = await findByFilter(staff, `JoinWebUrl eq ${odataString(url)}`);
      if (meeting) return meeting;
    }
    throw new AppError('not_found', NOT_VISIBLE);
  }
  if (locator.kind === 'shortUrl') {
    // Newer meetings store the short link itself as their joinWebUrl; older ones only know the ID.
    const meeting = await findByFilter(staff, `JoinWebUrl eq ${odataString(locator.joinWebUrl)}`);
    if (meeting) return meeting;
  }
  const meeting = await findByFilter(staff, `joinMeetingIdSettings/joinMeetingId eq ${odataString(locator.meetingId)}`);
  if (!meeting) throw new AppError('not_found', NOT_VISIBLE);
  if (locator.passcode !== undefined && meeting.passcode !== undefined && locator.passcode !== meeting.passcode) {
    throw new AppError('not_found', "The passcode doesn't match this meeting ID. Check both in the invitation.");
  }
  return meeting;
}

export type LookupInput = { link: string } | { meetingId: string; passcode: string };

/** Finds a meeting from anything pasted from an invitation: a link of any shape, or ID + passcode. */
export async function lookupMeeting(staff: Staff, input: LookupInput): Promise<Meeting> {
  const parsed = 'link' in input ? parseMeetingLink(input.link) : parseMeetingId(input.meetingId, input.passcode);
  if (!parsed.ok) {
    const field = 'link' in input ? 'link' : parsed.error.code === 'invalid_passcode' ? 'passcode' : 'meetingId';
    throw new AppError('validation_failed', parsed.error.message, { fields: { [field]: parsed.error.message } });
  }
  return findByLocator(staff, parsed.locator);
}

export interface ScheduleInput {
  subject: string;
  start: Date;
  durationMinutes: number;
  /** Graph's lobbyBypassSettings.scope. */
  lobbyBypassScope: 'organizer' | 'organization' | 'everyone';
}

/**
 * Schedules a Teams meeting as a calendar event (POST /me/events with isOnlineMeeting), so it is on
 * the organizer's calendar like one made in Outlook, then reads its onlineMeeting by join link.
 */
export async function scheduleMeeting(staff: Staff, input: ScheduleInput): Promise<Meeting> {
  const client = await clientFor(staff);
  const end = new Date(input.start.getTime() + input.durationMinutes * 60_000);
  let event: GraphEvent;
  try {
    event = (await client.api('/me/events').post({
      subject: input.subject,
      start: { dateTime: input.start.toISOString().replace(/Z$/, ''), timeZone: 'UTC' },
      end: { dateTime: end.toISOString().replace(/Z$/, ''), timeZone: 'UTC' },
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    })) as GraphEvent;
  } catch (error) {
    throw graphFailure(error);
  }
  forgetCalendar(staff);
  const joinUrl = event.onlineMeeting?.joinUrl;
  if (!joinUrl)
    throw new AppError(
      'upstream_unavailable',
      'The meeting was created, but Teams has not given it a join link yet. Open it from your list in a moment.',
    );
  const meeting = await findByFilter(staff, `JoinWebUrl eq ${odataString(joinUrl)}`);
  if (!meeting)
    throw new AppError(
      'upstream_unavailable',
      'The meeting was created, but Teams has not finished setting it up. Open it from your list in a moment.',
    );
  if (input.lobbyBypassScope !== meeting.lobbyBypassScope) {
    try {
      await client
        .api(`/me/onlineMeetings/${encodeURIComponent(meeting.id)}`)
        .patch({ lobbyBypassSettings: { scope: input.lobbyBypassScope } });
    } catch (error) {
      throw graphFailure(error);
    }
    return { ...meeting, lobbyBypassScope: input.lobbyBypassScope };
  }
  return meeting;
}
