/**
 * Turns whatever an employee pastes from a Teams invitation into a meeting locator the lookup can use.
 *
 * Pure and isomorphic on purpose: the staff page validates as the user types and the API route validates
 * again with the same code, and neither may ever contact the host in a pasted link. Nothing here makes a
 * request; a wrapper (Safe Links, the Teams launcher, a Bookings page) is unwrapped by reading its query
 * string, never by following it.
 *
 * Over 400 lines because a third of them are the decisions below: one parser read top to bottom is
 * easier to audit against hostile input than the same rules spread over several files.
 *
 * Decisions worth knowing before changing anything:
 *
 * - Hosts are an exact allow-list (`TEAMS_FOR_WORK_HOSTS`), compared against the host exactly as it was
 *   typed (printable ASCII, no userinfo, no percent-escapes, port absent or 443) AND against what the URL
 *   parser made of it. Comparing only `new URL().hostname` is not enough: the WHATWG parser quietly maps
 *   full-width letters, ideographic dots, soft hyphens and `%2e` onto ASCII, so a disguised host would
 *   come out looking genuine.
 * - Anything that is not `https:` is refused with `not_a_link`, http on a Teams host included: the scheme
 *   is the first thing wrong with such input, and "isn't a Teams host" would be a false statement about
 *   `http://teams.microsoft.com/...`.
 * - The long `meetup-join` link is canonicalised to the exact bytes Teams emits, because the lookup sends
 *   it to Graph as `$filter=JoinWebUrl eq '…'`, a string comparison against what Teams stored. Teams
 *   builds those links with .NET `HttpUtility.UrlEncode` (lowercase hex, `-_.!*()` left bare), e.g.
 *   `19%3ameeting_…%40thread.v2` and `context=%7b%22Tid%22%3a%22…%22%2c%22Oid%22%3a%22…%22%7d`, so
 *   `teamsEncode` reproduces that encoder. The context JSON is kept as the organizer's client wrote it
 *   (key order, extra keys such as `MessageId`), only its percent-encoding is normalised. Other query
 *   parameters (`anon`, `deeplinkId`, …) and fragments are dropped: Graph never stores them.
 * - `teams.cloud.microsoft` is the newer name of the commercial Teams web app; invitations and Graph
 *   still carry `teams.microsoft.com`, so that host is rewritten. Government-cloud hosts are kept as
 *   they are because their own Graph endpoints store links on those hosts.
 */

export type MeetingLocator =
  | { kind: 'joinUrl'; joinWebUrl: string; threadId?: string; tenantId?: string; organizerId?: string }
  | { kind: 'shortUrl'; joinWebUrl: string; meetingId: string; passcode?: string }
  | { kind: 'meetingId'; meetingId: string; passcode: string };

export type MeetingLinkErrorCode =
  | 'empty'
  | 'not_a_link'
  | 'teams_for_home'
  | 'not_teams_host'
  | 'not_a_meeting_link'
  | 'invalid_meeting_id'
  | 'invalid_passcode'
  | 'too_long';

export type MeetingLinkError = { code: MeetingLinkErrorCode; message: string };

export type MeetingLinkResult = { ok: true; locator: MeetingLocator } | { ok: false; error: MeetingLinkError };

/**
 * Hosts that serve Teams (for work or school) meeting links, and therefore the only hosts a returned
 * `joinWebUrl` can point at:
 * - `teams.microsoft.com`: commercial cloud and GCC.
 * - `teams.cloud.microsoft`: the newer commercial web-app domain (rewritten to `teams.microsoft.com`).
 * - `teams.microsoft.us`, `gov.teams.microsoft.us`: GCC High.
 * - `dod.teams.microsoft.us`: DoD.
 * Deliberately absent: `teams.live.com` (Teams for home, which guests from ACS cannot join) and any
 * wildcard, so a new subdomain has to be added here on purpose.
 */
export const TEAMS_FOR_WORK_HOSTS: readonly string[] = [
  'teams.microsoft.com',
  'teams.cloud.microsoft',
  'teams.microsoft.us',
  'gov.teams.microsoft.us',
  'dod.teams.microsoft.us',
];

/** Longest input considered at all; a Safe Links-wrapped meeting link is well under half of this. */
export const MAX_MEETING_LINK_LENGTH = 4096;

const CANONICAL_HOST: Readonly<Record<string, string>> = { 'teams.cloud.microsoft': 'teams.microsoft.com' };

// Wrappers are only ever read, never requested, so they need not be Teams hosts.
const BOOKINGS_VISIT_HOST = 'visit.teams.microsoft.com';
const SAFE_LINKS_HOST = /^[a-z0-9-]+\.safelinks\.protection\.(?:outlook\.com|office365\.us)$/;
const TEAMS_FOR_HOME_HOST = /(?:^|\.)teams\.live\.com$/;

// Safe Links around the launcher around the link is two layers; a fully percent-encoded paste adds one.
const MAX_UNWRAP_DEPTH = 4;
// A link copied through more than one tool can be percent-encoded twice (`19%253ameeting…`).
const MAX_DECODE_PASSES = 3;
const MAX_CONTEXT_LENGTH = 2048;

const THREAD_ID = /^19:[A-Za-z0-9_.=-]{1,256}@thread\.(?:v2|tacv2|skype)$/;
const MESSAGE_ID = /^\d{1,20}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MEETING_ID_SHAPE = /^\d+(?:[ \u00a0]+\d+)*$/;
const PASSCODE = /^[A-Za-z0-9]{1,16}$/;

// Controls (except tab and line breaks, which separate words in a pasted invitation) and characters
// that render as nothing: the URL parser drops several of them silently, and bidi overrides make what
// is shown differ from what is parsed.
const HIDDEN_CHARACTERS = /(?![\t\n\r])[\p{Cc}\p{Default_Ignorable_Code_Point}]/u;
// A URL starts only after whitespace or punctuation that can enclose a link, never mid-token: that
// keeps `evil.example/https://teams.microsoft.com/…` from yielding the Teams-looking tail.
const LINK_IN_TEXT = /(?<![^\s<>()[\]{}"'`,;:!|*])(?:[a-z][a-z0-9+.-]*:\/\/|https?%3a%2f%2f)[^\s<>"'`]+/gi;
const DANGEROUS_SCHEME = /^(?:javascript|data|vbscript|file|blob|about):/i;
const SCHEMELESS_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:[/?#]|$)/i;
const ENCODED_HTTPS = /^https?%3a%2f%2f/i;

const MESSAGES = {
  empty: 'Paste a Teams meeting link, or enter a meeting ID and passcode.',
  tooLong: `That is too long to be a meeting link. Paste just the link from the invitation (at most ${MAX_MEETING_LINK_LENGTH.toLocaleString('en-US')} characters).`,
  hidden: 'That text contains hidden or control characters. Copy the link from the invitation again and paste it here.',
  noLink: 'We couldn\'t find a meeting link in that. Paste the "Join the meeting" link from the Teams invitation.',
  tooLongId: 'That is too long to be a meeting ID or passcode. Enter them as shown in the invitation.',
  looksLikeId: 'That looks like a meeting ID. Enter it in the meeting ID box together with the passcode.',
  notHttps: 'Only secure Teams links that start with https:// can be used.',
  dangerous: 'That isn\'t a web link. Paste the "Join the meeting" link from the Teams invitation.',
  backslash:
    'That link contains a backslash, which real Teams links never do. Copy the link from the invitation again.',
  malformed: "That doesn't look like a complete web link. Copy the link from the invitation again.",
  teamsForHome: "Teams for home meetings (teams.live.com) can't be joined by guests through Vestibule.",
  notTeams:
    "That isn't a Microsoft Teams link. Only meeting links on teams.microsoft.com (or the Teams government clouds) can be used.",
  disguised:
    "That link hides its real destination, so it can't be used. Copy the link from the Teams invitation itself.",
  notMeeting:
    'That is a Teams link, but not a link to a meeting. Paste the "Join the meeting" link from the invitation.',
  cutShort: 'That meeting link looks cut short or damaged. Copy the whole link from the invitation and try again.',
  ambiguous:
    "That link carries its meeting details twice, so we can't tell which meeting it is. Paste the link from the invitation itself.",
  tooDeep: 'That link is wrapped in too many other links to read. Paste the Teams link from the invitation itself.',
  wrapperEmpty:
    'That link doesn\'t contain a Teams meeting link. Paste the "Join the meeting" link from the invitation.',
  appointmentRouter:
    'That is the mobile-browser link of a virtual appointment, which doesn\'t identify the meeting fully. Paste the "Join the meeting" link from the invitation instead.',
  meetingId: 'A meeting ID has 10 to 15 digits, for example 123 456 789 012.',
  passcodeMissing: 'Enter the meeting passcode shown next to the meeting ID in the invitation.',
  passcode: 'A meeting passcode is 1 to 16 letters or digits, exactly as shown in the invitation.',
} as const;

type Failure = { ok: false; error: MeetingLinkError };

function fail(code: MeetingLinkErrorCode, message: string): Failure {
  return { ok: false, error: { code, message } };
}

/**
 * Finds the Teams meeting in pasted text: a bare link, a link inside a sentence or an entire invitation,
 * a wrapped link, or (when there is no usable link) a "Meeting ID: … Passcode: …" pair.
 */
export function parseMeetingLink(input: string): MeetingLinkResult {
  if (typeof input !== 'string') return fail('empty', MESSAGES.empty);
  if (input.length > MAX_MEETING_LINK_LENGTH) return fail('too_long', MESSAGES.tooLong);
  const text = input.trim();
  if (text === '') return fail('empty', MESSAGES.empty);
  if (HIDDEN_CHARACTERS.test(text)) return fail('not_a_link', MESSAGES.hidden);
  // A pasted javascript:/data: URL is refused whole, even if a Teams link appears somewhere inside it.
  if (DANGEROUS_SCHEME.test(text)) return fail('not_a_link', MESSAGES.dangerous);

  const matches = [...text.matchAll(LINK_IN_TEXT)];
  const candidates = matches.map((match) => stripEnclosing(match[0]));
  if (!/\s/.test(text)) {
    // A lone token is one link, so it runs to the end of the token: quotes and braces then belong to
    // it, as in a fully decoded `context={"Tid":…}` copied from an address bar. In running text they
    // end the link instead (HTML attributes, quoted links).
    const start = matches[0]?.index;
    const token = stripEnclosing(start === undefined ? text : text.slice(start));
    candidates.unshift(start === undefined && SCHEMELESS_HOST.test(token) ? `https://${token}` : token);
  }

  let best: Failure | undefined;
  for (const candidate of candidates) {
    const result = parseLayer(candidate, 0);
    if (result.ok) return result;
    if (!best || severity(result.error.code) < severity(best.error.code)) best = result;
  }
  if (best?.error.code === 'teams_for_home') return best;

  const labelled = findLabelledMeetingId(text);
  if (labelled) return parseMeetingId(labelled.meetingId, labelled.passcode);
  if (best) return best;
  if (/^[\d\s]+$/.test(text)) return fail('not_a_link', MESSAGES.looksLikeId);
  return fail('not_a_link', MESSAGES.noLink);
}

/** Validates a meeting ID and passcode typed (or pasted) as Teams shows them: "123 456 789 012" / "Ab12Cd". */
export function parseMeetingId(meetingId: string, passcode: string): MeetingLinkResult {
  if (typeof meetingId !== 'string' || typeof passcode !== 'string') return fail('empty', MESSAGES.empty);
  if (meetingId.length > MAX_MEETING_LINK_LENGTH || passcode.length > MAX_MEETING_LINK_LENGTH) {
    return fail('too_long', MESSAGES.tooLongId);
  }
  const id = meetingId.trim();
  const code = passcode.trim();
  if (id === '' && code === '') return fail('empty', MESSAGES.empty);
  if (!MEETING_ID_SHAPE.test(id)) return fail('invalid_meeting_id', MESSAGES.meetingId);
  const digits = id.replace(/[ \u00a0]/g, '');
  if (digits.length < 10 || digits.length > 15) return fail('invalid_meeting_id', MESSAGES.meetingId);
  if (code === '') return fail('invalid_passcode', MESSAGES.passcodeMissing);
  if (!PASSCODE.test(code)) return fail('invalid_passcode', MESSAGES.passcode);
  return { ok: true, locator: { kind: 'meetingId', meetingId: digits, passcode: code } };
}

// When a pasted invitation holds several links and none works, report the one closest to being a
// meeting: "that's Teams for home" or "that meeting link is damaged" beats "example.com isn't Teams".
function severity(code: MeetingLinkErrorCode): number {
  switch (code) {
    case 'teams_for_home':
      return 0;
    case 'invalid_meeting_id':
    case 'invalid_passcode':
    case 'not_a_meeting_link':
      return 1;
    case 'not_teams_host':
      return 2;
    default:
      return 3;
  }
}

function stripEnclosing(token: string): string {
  // Markdown, Outlook's plain-text `<link>` and sentence punctuation; no Teams link ends in any of these.
  // Braces stay: a fully decoded link ends in the `}` of its context JSON.
  return token.replace(/^[<(["'`]+/, '').replace(/[>)\]"'`.,;:!?]+$/, '');
}

function findLabelledMeetingId(text: string): { meetingId: string; passcode: string } | undefined {
  const id = /\bmeeting\s*id\s*[:#]?\s*(\d[\d \u00a0]*\d)/i.exec(text)?.[1];
  if (id === undefined) return undefined;
  const passcode = /\b(?:passcode|password)\s*[:#]?\s*([A-Za-z0-9]+)/i.exec(text)?.[1] ?? '';
  return { meetingId: id, passcode };
}

/** One layer of a possibly wrapped link. Every layer, inner ones included, passes the same checks. */
function parseLayer(raw: string, depth: number): MeetingLinkResult {
  if (depth > MAX_UNWRAP_DEPTH) return fail('not_a_meeting_link', MESSAGES.tooDeep);
  // HTML copied from an invitation's source keeps `&amp;` between parameters.
  const candidate = raw.replace(/&amp;/gi, '&');

  if (ENCODED_HTTPS.test(candidate)) {
    const decoded = safeDecode(candidate);
    return decoded === undefined ? fail('not_a_link', MESSAGES.malformed) : parseLayer(decoded, depth + 1);
  }

  const checked = checkStructure(candidate);
  if (!checked.ok) return checked;
  const { url, host } = checked;

  if (TEAMS_FOR_HOME_HOST.test(host)) return fail('teams_for_home', MESSAGES.teamsForHome);
  if (TEAMS_FOR_WORK_HOSTS.includes(host)) return parseTeamsUrl(url, host, depth);
  if (host === BOOKINGS_VISIT_HOST) {
    const inner = paramValues(url, 'joinweburl');
    if (inner.length === 0) return fail('not_a_meeting_link', MESSAGES.appointmentRouter);
    if (inner.length > 1) return fail('not_a_meeting_link', MESSAGES.ambiguous);
    return parseLayer(inner[0] ?? '', depth + 1);
  }
  if (SAFE_LINKS_HOST.test(host)) {
    const inner = paramValues(url, 'url');
    if (inner.length === 0) return fail('not_a_meeting_link', MESSAGES.wrapperEmpty);
    if (inner.length > 1) return fail('not_a_meeting_link', MESSAGES.ambiguous);
    return parseLayer(inner[0] ?? '', depth + 1);
  }
  return fail('not_teams_host', MESSAGES.notTeams);
}

type Structure = { ok: true; url: URL; host: string } | Failure;

function checkStructure(candidate: string): Structure {
  if (candidate.includes('\\')) return fail('not_a_link', MESSAGES.backslash);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(candidate)?.[1];
  if (scheme === undefined) return fail('not_a_link', MESSAGES.noLink);
  if (DANGEROUS_SCHEME.test(candidate)) return fail('not_a_link', MESSAGES.dangerous);
  if (scheme.toLowerCase() !== 'https') return fail('not_a_link', MESSAGES.notHttps);
  // The URL parser would also accept `https:host` and `https:///host`; Teams never writes those.
  if (!/^https:\/\/[^/]/i.test(candidate)) return fail('not_a_link', MESSAGES.malformed);

  const afterScheme = candidate.slice('https://'.length);
  const authority = /^[^/?#]*/.exec(afterScheme)?.[0] ?? '';
  if (authority.includes('@')) return fail('not_teams_host', MESSAGES.disguised);
  const hostMatch = /^([A-Za-z0-9.-]+)(?::(\d+))?$/.exec(authority);
  if (!hostMatch) return fail('not_teams_host', MESSAGES.notTeams);
  const typedHost = (hostMatch[1] ?? '').toLowerCase();
  const port = hostMatch[2];
  if (port !== undefined && port !== '443') return fail('not_teams_host', MESSAGES.notTeams);
  if (!/^[\x21-\x7e]*$/.test(afterScheme)) return fail('not_a_link', MESSAGES.malformed);

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return fail('not_a_link', MESSAGES.malformed);
  }
  if (url.hostname !== typedHost || url.username !== '' || url.password !== '') {
    return fail('not_teams_host', MESSAGES.disguised);
  }
  return { ok: true, url, host: typedHost };
}

function parseTeamsUrl(url: URL, host: string, depth: number): MeetingLinkResult {
  const path = url.pathname.toLowerCase();

  // The web client's own address bar shows `/_#/l/meetup-join/…`: the real path sits in the fragment.
  if ((path === '/_' || path === '/_/') && url.hash.startsWith('#/')) {
    return parseLayer(`https://${host}${url.hash.slice(1)}`, depth + 1);
  }

  if (path === '/dl/launcher/launcher.html') {
    const inner = paramValues(url, 'url');
    if (inner.length === 0) return fail('not_a_meeting_link', MESSAGES.wrapperEmpty);
    if (inner.length > 1) return fail('not_a_meeting_link', MESSAGES.ambiguous);
    // The launcher's target is a path on its own host, usually prefixed with the web client's `/_#`.
    // A protocol-relative `//other.host` is left as is so it fails as "not a link" instead of being
    // resolved onto some other host.
    let target = (inner[0] ?? '').replace(/^\/_(?:#|%23)(?=\/)/i, '');
    if (target.startsWith('/') && !target.startsWith('//')) target = `https://${host}${target}`;
    return parseLayer(target, depth + 1);
  }

  if (path.startsWith('/l/meetup-join/')) return parseLongLink(url, host);

  const shortId = /^\/meet\/([^/]+)\/?$/.exec(path)?.[1];
  if (shortId !== undefined) return parseShortLink(url, host, shortId);

  return fail('not_a_meeting_link', MESSAGES.notMeeting);
}

function parseLongLink(url: URL, host: string): MeetingLinkResult {
  const segments = url.pathname.split('/');
  if (segments.length === 6 && segments[5] === '') segments.pop();
  if (segments.length !== 5) return fail('not_a_meeting_link', MESSAGES.cutShort);

  const threadId = decodeRepeatedly(segments[3] ?? '');
  if (threadId === undefined || !THREAD_ID.test(threadId)) return fail('not_a_meeting_link', MESSAGES.cutShort);
  const messageId = segments[4] ?? '';
  if (!MESSAGE_ID.test(messageId)) return fail('not_a_meeting_link', MESSAGES.cutShort);

  // Without its context (tenant and organizer) a link can't be matched in Graph or joined by ACS; a
  // missing one almost always means the link lost its end when it was copied or wrapped onto a new line.
  const contexts = paramValues(url, 'context');
  if (contexts.length === 0) return fail('not_a_meeting_link', MESSAGES.cutShort);
  if (contexts.length > 1) return fail('not_a_meeting_link', MESSAGES.ambiguous);
  const context = parseContext(contexts[0] ?? '');
  if (!context) return fail('not_a_meeting_link', MESSAGES.cutShort);

  const canonicalHost = CANONICAL_HOST[host] ?? host;
  const joinWebUrl = `https://${canonicalHost}/l/meetup-join/${teamsEncode(threadId)}/${messageId}?context=${teamsEncode(context.json)}`;
  const locator: MeetingLocator = { kind: 'joinUrl', joinWebUrl, threadId };
  if (context.tenantId) locator.tenantId = context.tenantId;
  if (context.organizerId) locator.organizerId = context.organizerId;
  return { ok: true, locator };
}

function parseShortLink(url: URL, host: string, rawId: string): MeetingLinkResult {
  if (!/^\d{10,15}$/.test(rawId)) return fail('invalid_meeting_id', MESSAGES.meetingId);
  const passcodes = paramValues(url, 'p').filter((value) => value !== '');
  if (passcodes.length > 1) return fail('invalid_passcode', MESSAGES.passcode);
  const passcode = passcodes[0];
  if (passcode !== undefined && !PASSCODE.test(passcode)) return fail('invalid_passcode', MESSAGES.passcode);

  const canonicalHost = CANONICAL_HOST[host] ?? host;
  const joinWebUrl = `https://${canonicalHost}/meet/${rawId}${passcode === undefined ? '' : `?p=${passcode}`}`;
  const locator: MeetingLocator = { kind: 'shortUrl', joinWebUrl, meetingId: rawId };
  if (passcode !== undefined) locator.passcode = passcode;
  return { ok: true, locator };
}

type Context = { json: string; tenantId?: string; organizerId?: string };

function parseContext(value: string): Context | undefined {
  // URLSearchParams already removed one layer of encoding; a doubly-encoded link still shows `%7b…`.
  let json = value;
  for (let pass = 0; pass < MAX_DECODE_PASSES && /^%7b/i.test(json); pass++) {
    const decoded = safeDecode(json);
    if (decoded === undefined) return undefined;
    json = decoded;
  }
  // Teams writes compact ASCII JSON; anything else can't be re-encoded to bytes Graph would recognise.
  if (json.length > MAX_CONTEXT_LENGTH || !/^\{[\x20-\x7e]*\}$/.test(json)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const fields = parsed as Record<string, unknown>;
  const context: Context = { json };
  const tenantId = guidField(fields, 'tid');
  const organizerId = guidField(fields, 'oid');
  if (tenantId) context.tenantId = tenantId;
  if (organizerId) context.organizerId = organizerId;
  return context;
}

function guidField(fields: Record<string, unknown>, name: string): string | undefined {
  for (const [key, value] of Object.entries(fields)) {
    if (key.toLowerCase() === name && typeof value === 'string' && GUID.test(value)) return value.toLowerCase();
  }
  return undefined;
}

/** Mirrors .NET `HttpUtility.UrlEncode`, the encoder behind the links Teams writes (see file header). */
function teamsEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())
    .replace(/[~']/g, (char) => `%${char.charCodeAt(0).toString(16)}`)
    .replace(/%20/g, '+');
}

function decodeRepeatedly(value: string): string | undefined {
  let current = value;
  for (let pass = 0; pass < MAX_DECODE_PASSES && /%[0-9a-f]{2}/i.test(current); pass++) {
    const decoded = safeDecode(current);
    if (decoded === undefined) return undefined;
    current = decoded;
  }
  return current;
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

// Parameter names are matched case-insensitively because wrappers disagree (`JoinWebUrl`, `joinWebUrl`).
function paramValues(url: URL, lowerCaseName: string): string[] {
  const values: string[] = [];
  for (const [key, value] of url.searchParams) {
    if (key.toLowerCase() === lowerCaseName) values.push(value);
  }
  return values;
}
