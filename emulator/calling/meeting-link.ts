/**
 * What the emulator's calling service accepts as a meeting locator: only the shapes the ACS Calling
 * SDK's `TeamsMeetingLinkLocator` and `TeamsMeetingIdLocator` take, and deliberately nothing more.
 *
 * The app's own link module (lib/teams/meeting-link.ts) is permissive on purpose: it unwraps Safe
 * Links, the Teams launcher and Bookings pages and finds a link inside a pasted invitation, because a
 * person typed it. ACS does none of that, so neither does the emulator: if the app ever forgot to
 * unwrap a link before joining, the emulator must refuse it as ACS would, not quietly fix it.
 *
 * Accepted:
 * - `https://teams.microsoft.com/l/meetup-join/<thread id>/<message id>?context={"Tid":…,"Oid":…}`,
 *   percent-encoded or not (the context must name the tenant and the organizer: ACS needs both);
 * - `https://teams.microsoft.com/meet/<meeting id>?p=<passcode>` (the short link);
 * - a meeting ID (digits; the spaces Teams shows are ignored) with its passcode.
 * Teams for home (`teams.live.com`) is recognised only to say why it can't be joined.
 */

export type ParsedLocator =
  | { kind: 'thread'; threadId: string; messageId: string; tenantId: string; organizerId: string }
  | { kind: 'meetingId'; meetingId: string; passcode: string };

export type ParseFailure = { ok: false; why: 'invalid' | 'teamsForHome' };
export type ParseResult = { ok: true; locator: ParsedLocator } | ParseFailure;

const TEAMS_HOST = 'teams.microsoft.com';
const TEAMS_FOR_HOME = /(?:^|\.)teams\.live\.com$/;
const THREAD_ID = /^19:meeting_[A-Za-z0-9_=-]{1,256}@thread\.(?:v2|tacv2)$/;
const MESSAGE_ID = /^\d{1,20}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MEETING_ID = /^\d{10,15}$/;
const PASSCODE = /^[A-Za-z0-9]{1,16}$/;

const invalid: ParseFailure = { ok: false, why: 'invalid' };

export function parseJoinLink(link: string): ParseResult {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return invalid;
  }
  const host = url.hostname.toLowerCase();
  if (TEAMS_FOR_HOME.test(host)) return { ok: false, why: 'teamsForHome' };
  if (url.protocol !== 'https:' || host !== TEAMS_HOST || url.port !== '' || url.username || url.password) {
    return invalid;
  }
  const segments = url.pathname.split('/');
  if (segments[1]?.toLowerCase() === 'l' && segments[2]?.toLowerCase() === 'meetup-join') {
    return parseLongLink(segments, url.searchParams);
  }
  if (segments[1]?.toLowerCase() === 'meet' && segments.length === 3) {
    return parseMeetingId(segments[2] ?? '', url.searchParams.get('p') ?? '');
  }
  return invalid;
}

function parseLongLink(segments: string[], query: URLSearchParams): ParseResult {
  if (segments[segments.length - 1] === '') segments = segments.slice(0, -1);
  if (segments.length !== 5) return invalid;
  const threadId = safeDecode(segments[3] ?? '');
  const messageId = segments[4] ?? '';
  if (!threadId || !THREAD_ID.test(threadId) || !MESSAGE_ID.test(messageId)) return invalid;
  const contexts = query.getAll('context');
  if (contexts.length !== 1) return invalid;
  let context: unknown;
  try {
    context = JSON.parse(contexts[0] ?? '');
  } catch {
    return invalid;
  }
  if (typeof context !== 'object' || context === null) return invalid;
  const { Tid: tenantId, Oid: organizerId } = context as Record<string, unknown>;
  if (typeof tenantId !== 'string' || !GUID.test(tenantId)) return invalid;
  if (typeof organizerId !== 'string' || !GUID.test(organizerId)) return invalid;
  return {
    ok: true,
    locator: {
      kind: 'thread',
      threadId,
      messageId,
      tenantId: tenantId.toLowerCase(),
      organizerId: organizerId.toLowerCase(),
    },
  };
}

/** A meeting ID as Teams shows it ("123 456 789 012") and its passcode, which is case-sensitive. */
export function parseMeetingId(meetingId: string, passcode: string): ParseResult {
  const digits = meetingId.replace(/[ \u00a0]/g, '');
  if (!MEETING_ID.test(digits)) return invalid;
  if (passcode !== '' && !PASSCODE.test(passcode)) return invalid;
  return { ok: true, locator: { kind: 'meetingId', meetingId: digits, passcode } };
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
