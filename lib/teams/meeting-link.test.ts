import { describe, expect, it } from 'vitest';
import {
  MAX_MEETING_LINK_LENGTH,
  TEAMS_FOR_WORK_HOSTS,
  parseMeetingId,
  parseMeetingLink,
  type MeetingLinkErrorCode,
  type MeetingLocator,
} from '@/lib/teams/meeting-link';

// Fixtures are written out literally, not produced by the module's encoder, so a change in the
// encoder shows up as a failure here. The canonical link is the one in Microsoft Graph's own
// "Get onlineMeeting by joinWebUrl" example, i.e. bytes Teams really emits and Graph really matches.
const THREAD = '19:meeting_MGQ4MDQyNTEtNTQ2NS00YjQxLTlkM2EtZWVkODYxODYzMmY2@thread.v2';
const THREAD_ENC = '19%3ameeting_MGQ4MDQyNTEtNTQ2NS00YjQxLTlkM2EtZWVkODYxODYzMmY2%40thread.v2';
const TID = '909c6581-5130-43e9-88f3-fcb3582cde37';
const OID = 'dc17674c-81d9-4adb-bfb2-8f6a442e4622';
const CONTEXT_JSON = `{"Tid":"${TID}","Oid":"${OID}"}`;
const CONTEXT_ENC = `%7b%22Tid%22%3a%22${TID}%22%2c%22Oid%22%3a%22${OID}%22%7d`;
const CANONICAL = `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0?context=${CONTEXT_ENC}`;
const GRAPH_DOCS_JOIN_WEB_URL =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_MGQ4MDQyNTEtNTQ2NS00YjQxLTlkM2EtZWVkODYxODYzMmY2%40thread.v2/0?context=%7b%22Tid%22%3a%22909c6581-5130-43e9-88f3-fcb3582cde37%22%2c%22Oid%22%3a%22dc17674c-81d9-4adb-bfb2-8f6a442e4622%22%7d';

const LONG: MeetingLocator = {
  kind: 'joinUrl',
  joinWebUrl: CANONICAL,
  threadId: THREAD,
  tenantId: TID,
  organizerId: OID,
};

const SHORT_ID = '276461119725387';
const SHORT_PASSCODE = 'n91332a7n';
const SHORT = `https://teams.microsoft.com/meet/${SHORT_ID}?p=${SHORT_PASSCODE}`;
const SHORT_LOCATOR: MeetingLocator = {
  kind: 'shortUrl',
  joinWebUrl: SHORT,
  meetingId: SHORT_ID,
  passcode: SHORT_PASSCODE,
};

const enc = encodeURIComponent;
const upperHex = (value: string) => value.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());

// Outlook Safe Links: the target is encodeURIComponent'ed (uppercase hex) and followed by tracking data.
const SAFE_LINKS_DATA =
  'data=05%7C02%7Calex%40contoso.com%7C6f1c2b0a8e5e4c0f9d2a08dc7e1b2c3d%7C72f988bf86f141af91ab2d7cd011db47%7C0%7C0%7C638512345678901234%7CUnknown%7CTWFpbGZsb3d8eyJWIjoiMC4wLjAwMDAiLCJQIjoiV2luMzIiLCJBTiI6Ik1haWwiLCJXVCI6Mn0%3D%7C0%7C%7C%7C&sdata=Qm9ndXNTaWduYXR1cmVGb3JUZXN0cw%3D%3D&reserved=0';
const safeLinks = (target: string, region = 'nam12') =>
  `https://${region}.safelinks.protection.outlook.com/?url=${enc(target)}&${SAFE_LINKS_DATA}`;

// The Teams launcher: the target is a path on the launcher's host, prefixed with the web client's `/_#`.
const LAUNCHER_TAIL =
  'type=meetup-join&deeplinkId=0f5d2a6e-3b1c-4d9e-8a7f-2c4b6d8e0a1c&directDl=true&msLaunch=true&enableMobilePage=true&suppressPrompt=true';
const launcher = (path: string, host = 'teams.microsoft.com') =>
  `https://${host}/dl/launcher/launcher.html?url=${enc(path)}&${LAUNCHER_TAIL}`;
const LAUNCHER_PATH = `/_#/l/meetup-join/${enc(THREAD)}/0?context=${CONTEXT_ENC}&anon=true`;

function ok(input: string): MeetingLocator {
  const result = parseMeetingLink(input);
  if (!result.ok) throw new Error(`expected ok for ${JSON.stringify(input)}, got ${JSON.stringify(result.error)}`);
  return result.locator;
}

function errorCode(input: string): MeetingLinkErrorCode | 'accepted' {
  const result = parseMeetingLink(input);
  return result.ok ? 'accepted' : result.error.code;
}

describe('parseMeetingLink: long meetup-join links', () => {
  const cases: Array<[string, string, MeetingLocator]> = [
    ['the canonical link Teams emits', CANONICAL, LONG],
    ["Graph's documented joinWebUrl, byte for byte", GRAPH_DOCS_JOIN_WEB_URL, LONG],
    ['uppercase percent-encoding everywhere', upperHex(CANONICAL), LONG],
    ['mixed-case percent-encoding', CANONICAL.replace('%3a', '%3A').replace('%22%7d', '%22%7D'), LONG],
    [
      'a decoded 19:meeting_…@thread.v2 segment',
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?context=${CONTEXT_ENC}`,
      LONG,
    ],
    [
      'a link as a browser address bar shows it (all decoded)',
      `https://teams.microsoft.com/l/meetup-join/${THREAD}/0?context=${CONTEXT_JSON}`,
      LONG,
    ],
    ['an extra &anon=true', `${CANONICAL}&anon=true`, LONG],
    [
      'extra deeplinkId and anon before and after context',
      `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0?anon=true&context=${CONTEXT_ENC}&deeplinkId=0f5d2a6e-3b1c-4d9e-8a7f-2c4b6d8e0a1c`,
      LONG,
    ],
    ['a trailing fragment', `${CANONICAL}#/`, LONG],
    ['a trailing fragment after extra params', `${CANONICAL}&anon=true#calendar`, LONG],
    ['surrounding whitespace and newlines', `  \n\t${CANONICAL} \r\n`, LONG],
    ['angle brackets', `<${CANONICAL}>`, LONG],
    ['double quotes', `"${CANONICAL}"`, LONG],
    ['single quotes', `'${CANONICAL}'`, LONG],
    ['a sentence with the link in angle brackets', `Join: <${CANONICAL}>`, LONG],
    ['a sentence ending with a full stop', `Please join here ${CANONICAL}.`, LONG],
    ['no space after the colon', `Join:${CANONICAL}`, LONG],
    ['a Markdown link', `[Join the meeting](${CANONICAL})`, LONG],
    ['an HTML anchor with &amp;', `<a href="${CANONICAL}&amp;anon=true">Join the meeting now</a>`, LONG],
    ['an uppercase host', CANONICAL.replace('teams.microsoft.com', 'TEAMS.Microsoft.COM'), LONG],
    ['an explicit :443 port', CANONICAL.replace('teams.microsoft.com', 'teams.microsoft.com:443'), LONG],
    ['mixed-case path', CANONICAL.replace('/l/meetup-join/', '/L/Meetup-Join/'), LONG],
    ['a trailing slash after the message id', CANONICAL.replace('/0?', '/0/?'), LONG],
    [
      'double percent-encoding of thread id and context',
      `https://teams.microsoft.com/l/meetup-join/19%253ameeting_MGQ4MDQyNTEtNTQ2NS00YjQxLTlkM2EtZWVkODYxODYzMmY2%2540thread.v2/0?context=${enc(CONTEXT_ENC)}`,
      LONG,
    ],
    ['the whole link percent-encoded once', enc(CANONICAL), LONG],
    ['the whole link percent-encoded, pasted in a sentence', `Link: ${enc(CANONICAL)} (from the calendar)`, LONG],
    [
      'the web client address bar form /_#/l/meetup-join',
      CANONICAL.replace('/l/meetup-join/', '/_#/l/meetup-join/'),
      LONG,
    ],
    [
      'teams.cloud.microsoft, rewritten to the host Graph stores',
      CANONICAL.replace('teams.microsoft.com', 'teams.cloud.microsoft'),
      LONG,
    ],
    ['a schemeless paste', CANONICAL.replace('https://', ''), LONG],
  ];

  it.each(cases)('accepts %s', (_name, input, expected) => {
    expect(parseMeetingLink(input)).toEqual({ ok: true, locator: expected });
  });

  it.each([['teams.microsoft.us'], ['gov.teams.microsoft.us'], ['dod.teams.microsoft.us']])(
    'keeps the government-cloud host %s, because that cloud’s Graph stores links on it',
    (host) => {
      const input = CANONICAL.replace('teams.microsoft.com', host);
      expect(ok(input)).toEqual({
        ...LONG,
        joinWebUrl: `https://${host}/l/meetup-join/${THREAD_ENC}/0?context=${CONTEXT_ENC}`,
      });
    },
  );

  it('keeps the context JSON as written (extra keys, key order) and only normalises its encoding', () => {
    const json = `{"Oid":"${OID}","Tid":"${TID}","IsBroadcastMeeting":true}`;
    const canonicalContext = `%7b%22Oid%22%3a%22${OID}%22%2c%22Tid%22%3a%22${TID}%22%2c%22IsBroadcastMeeting%22%3atrue%7d`;
    expect(ok(`https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0?context=${enc(json)}`)).toEqual({
      ...LONG,
      joinWebUrl: `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0?context=${canonicalContext}`,
    });
  });

  it('accepts channel meetings, keeping their message id segment', () => {
    const channelThread = '19:3a9f1c2e4b5d6a7f8e9d0c1b2a3f4e5d@thread.tacv2';
    const context = `%7b%22Tid%22%3a%22${TID}%22%2c%22Oid%22%3a%22${OID}%22%2c%22MessageId%22%3a%221712345678901%22%7d`;
    const link = `https://teams.microsoft.com/l/meetup-join/19%3a3a9f1c2e4b5d6a7f8e9d0c1b2a3f4e5d%40thread.tacv2/1712345678901?context=${context}`;
    expect(ok(upperHex(link))).toEqual({
      kind: 'joinUrl',
      joinWebUrl: link,
      threadId: channelThread,
      tenantId: TID,
      organizerId: OID,
    });
  });

  it('writes a space inside the context as + like HttpUtility.UrlEncode, whichever way it was pasted', () => {
    const canonical = `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0?context=%7b%22Tid%22%3a+%22${TID}%22%7d`;
    const expected = { kind: 'joinUrl', joinWebUrl: canonical, threadId: THREAD, tenantId: TID };
    expect(ok(canonical.replace('+', '%20'))).toEqual(expected);
    expect(ok(canonical)).toEqual(expected);
  });

  it('omits tenant and organizer ids that are not GUIDs but still accepts the link', () => {
    const context = '%7b%22Tid%22%3a%22contoso%22%2c%22Oid%22%3a%22%22%7d';
    expect(ok(`https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0?context=${context}`)).toEqual({
      kind: 'joinUrl',
      joinWebUrl: `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0?context=${context}`,
      threadId: THREAD,
    });
  });

  it('reports tenant and organizer ids in lowercase while keeping the link bytes as Teams wrote them', () => {
    const context = `%7b%22Tid%22%3a%22${TID.toUpperCase()}%22%2c%22Oid%22%3a%22${OID.toUpperCase()}%22%7d`;
    const link = `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0?context=${context}`;
    expect(ok(link)).toEqual({ ...LONG, joinWebUrl: link });
  });
});

describe('parseMeetingLink: short /meet/ links', () => {
  const cases: Array<[string, string, MeetingLocator]> = [
    ['the link Teams puts in new invitations', SHORT, SHORT_LOCATOR],
    ['extra parameters and a fragment', `${SHORT}&anon=true#x`, SHORT_LOCATOR],
    ['an invitation sentence', `Join the meeting now<${SHORT}>`, SHORT_LOCATOR],
    ['a trailing slash', `https://teams.microsoft.com/meet/${SHORT_ID}/?p=${SHORT_PASSCODE}`, SHORT_LOCATOR],
    [
      'a 12-digit id',
      'https://teams.microsoft.com/meet/123456789012?p=Ab12Cd',
      {
        kind: 'shortUrl',
        joinWebUrl: 'https://teams.microsoft.com/meet/123456789012?p=Ab12Cd',
        meetingId: '123456789012',
        passcode: 'Ab12Cd',
      },
    ],
    [
      'no ?p= (the lookup asks for the passcode)',
      `https://teams.microsoft.com/meet/${SHORT_ID}`,
      {
        kind: 'shortUrl',
        joinWebUrl: `https://teams.microsoft.com/meet/${SHORT_ID}`,
        meetingId: SHORT_ID,
      },
    ],
    [
      'an empty ?p=',
      `https://teams.microsoft.com/meet/${SHORT_ID}?p=`,
      {
        kind: 'shortUrl',
        joinWebUrl: `https://teams.microsoft.com/meet/${SHORT_ID}`,
        meetingId: SHORT_ID,
      },
    ],
    ['teams.cloud.microsoft', SHORT.replace('teams.microsoft.com', 'teams.cloud.microsoft'), SHORT_LOCATOR],
    [
      'a GCC High host',
      SHORT.replace('teams.microsoft.com', 'gov.teams.microsoft.us'),
      {
        ...SHORT_LOCATOR,
        joinWebUrl: SHORT.replace('teams.microsoft.com', 'gov.teams.microsoft.us'),
      },
    ],
    ['Safe Links', safeLinks(SHORT), SHORT_LOCATOR],
  ];

  it.each(cases)('accepts %s', (_name, input, expected) => {
    expect(parseMeetingLink(input)).toEqual({ ok: true, locator: expected });
  });

  it.each([
    ['9 digits', 'https://teams.microsoft.com/meet/123456789?p=Ab12Cd', 'invalid_meeting_id'],
    ['16 digits', 'https://teams.microsoft.com/meet/1234567890123456?p=Ab12Cd', 'invalid_meeting_id'],
    ['letters in the id', 'https://teams.microsoft.com/meet/12345abc9012?p=Ab12Cd', 'invalid_meeting_id'],
    ['a 17-character passcode', `https://teams.microsoft.com/meet/${SHORT_ID}?p=${'a'.repeat(17)}`, 'invalid_passcode'],
    ['punctuation in the passcode', `https://teams.microsoft.com/meet/${SHORT_ID}?p=ab-cd`, 'invalid_passcode'],
    ['a non-ASCII passcode', `https://teams.microsoft.com/meet/${SHORT_ID}?p=%C3%A9t%C3%A9`, 'invalid_passcode'],
    ['two passcodes', `${SHORT}&p=other1`, 'invalid_passcode'],
    ['an extra path segment', `https://teams.microsoft.com/meet/${SHORT_ID}/extra?p=Ab12Cd`, 'not_a_meeting_link'],
  ] as const)('refuses %s', (_name, input, code) => {
    expect(errorCode(input)).toBe(code);
  });
});

describe('parseMeetingLink: wrappers', () => {
  const launcherPartlyEncoded = `https://teams.microsoft.com/dl/launcher/launcher.html?url=/_%23/l/meetup-join/${THREAD_ENC}/0?context=${CONTEXT_ENC}&${LAUNCHER_TAIL}`;
  const bookings = `https://visit.teams.microsoft.com/?JoinWebUrl=${enc(CANONICAL)}`;
  const bookingsRoute = `https://visit.teams.microsoft.com/webrtc-svc/api/route?tid=${TID}&convId=${enc(THREAD)}&joinWebUrl=${enc(CANONICAL)}`;

  const cases: Array<[string, string, MeetingLocator]> = [
    ['Outlook Safe Links', safeLinks(CANONICAL), LONG],
    ['Outlook Safe Links (GCC region)', safeLinks(CANONICAL, 'gcc02'), LONG],
    ['Safe Links inside an invitation sentence', `Click here to join the meeting<${safeLinks(CANONICAL)}>`, LONG],
    ['the Teams launcher', launcher(LAUNCHER_PATH), LONG],
    [
      'the Teams launcher without the /_# prefix',
      launcher(`/l/meetup-join/${THREAD_ENC}/0?context=${CONTEXT_ENC}`),
      LONG,
    ],
    ['the Teams launcher with a partly encoded url=/_%23/…', launcherPartlyEncoded, LONG],
    [
      'the Teams launcher on a GCC High host',
      launcher(LAUNCHER_PATH, 'gov.teams.microsoft.us'),
      {
        ...LONG,
        joinWebUrl: CANONICAL.replace('teams.microsoft.com', 'gov.teams.microsoft.us'),
      },
    ],
    ['the Teams launcher around a short link', launcher(`/_#/meet/${SHORT_ID}?p=${SHORT_PASSCODE}`), SHORT_LOCATOR],
    ['a Bookings visit page (?JoinWebUrl=)', bookings, LONG],
    ['a Bookings webrtc-svc route carrying joinWebUrl', bookingsRoute, LONG],
    ['Safe Links around the launcher', safeLinks(launcher(LAUNCHER_PATH)), LONG],
    ['Safe Links around a Bookings page', safeLinks(bookings), LONG],
    ['Safe Links around Safe Links around the launcher', safeLinks(safeLinks(launcher(LAUNCHER_PATH)), 'eur03'), LONG],
    ['a percent-encoded Safe Links link', enc(safeLinks(CANONICAL)), LONG],
  ];

  it.each(cases)('unwraps %s', (_name, input, expected) => {
    expect(parseMeetingLink(input)).toEqual({ ok: true, locator: expected });
  });

  it.each([
    [
      'too many nested wrappers',
      safeLinks(safeLinks(safeLinks(safeLinks(safeLinks(CANONICAL))))),
      'not_a_meeting_link',
    ],
    [
      'Safe Links around Teams for home',
      safeLinks('https://teams.live.com/meet/9378143028742?p=Qm7Tz2'),
      'teams_for_home',
    ],
    ['Safe Links around another site', safeLinks('https://evil.example/l/meetup-join/x'), 'not_teams_host'],
    ['Safe Links around http', safeLinks(CANONICAL.replace('https:', 'http:')), 'not_a_link'],
    ['Safe Links around javascript:', safeLinks('javascript:alert(document.cookie)'), 'not_a_link'],
    [
      'Safe Links without a url',
      `https://nam12.safelinks.protection.outlook.com/?${SAFE_LINKS_DATA}`,
      'not_a_meeting_link',
    ],
    ['Safe Links with two urls', `${safeLinks(CANONICAL)}&url=${enc('https://evil.example/')}`, 'not_a_meeting_link'],
    [
      'a look-alike Safe Links host',
      `https://nam12.safelinks.protection.outlook.com.evil.example/?url=${enc(CANONICAL)}`,
      'not_teams_host',
    ],
    ['the launcher pointing at another host', launcher('https://evil.example/l/meetup-join/x'), 'not_teams_host'],
    ['the launcher with a protocol-relative target', launcher('//evil.example/l/meetup-join/x'), 'not_a_link'],
    [
      'the launcher without a url',
      `https://teams.microsoft.com/dl/launcher/launcher.html?${LAUNCHER_TAIL}`,
      'not_a_meeting_link',
    ],
    [
      'a Bookings route without joinWebUrl',
      `https://visit.teams.microsoft.com/webrtc-svc/api/route?tid=${TID}&convId=${enc(THREAD)}`,
      'not_a_meeting_link',
    ],
    [
      'a Bookings page pointing at Teams for home',
      `https://visit.teams.microsoft.com/?JoinWebUrl=${enc('https://teams.live.com/meet/9378143028742')}`,
      'teams_for_home',
    ],
    [
      'a Bookings page pointing at another host',
      `https://visit.teams.microsoft.com/?JoinWebUrl=${enc('https://evil.example/')}`,
      'not_teams_host',
    ],
  ] as const)('refuses %s', (_name, input, code) => {
    expect(errorCode(input)).toBe(code);
  });

  it('needs at most the documented depth for the deepest accepted wrapper (four layers)', () => {
    const fourLayers = enc(safeLinks(safeLinks(launcher(LAUNCHER_PATH))));
    expect(ok(fourLayers)).toEqual(LONG);
    expect(errorCode(safeLinks(fourLayers))).toBe('not_a_meeting_link');
  });
});

describe('parseMeetingLink: whole invitations', () => {
  const classicInvitation = [
    '________________________________________________________________________________',
    'Microsoft Teams meeting',
    'Join on your computer, mobile app or room device',
    `Click here to join the meeting<${safeLinks(CANONICAL)}>`,
    'Meeting ID: 290 807 467 617 6',
    'Passcode: F7MZyc',
    'Download Teams<https://www.microsoft.com/en-us/microsoft-teams/download-app> | Join on the web<https://www.microsoft.com/microsoft-teams/join-a-meeting>',
    `Learn More<https://aka.ms/JoinTeamsMeeting> | Meeting options<https://teams.microsoft.com/meetingOptions/?organizerId=${OID}&tenantId=${TID}&threadId=19_meeting_MGQ4MDQyNTEtNTQ2NS00YjQxLTlkM2EtZWVkODYxODYzMmY2@thread.v2&messageId=0&language=en-US>`,
    '________________________________________________________________________________',
  ].join('\n');

  const newInvitation = [
    'Microsoft Teams Need help?<https://aka.ms/JoinTeamsMeeting?omkt=en-US>',
    `Join the meeting now<${SHORT}>`,
    `Meeting ID: 276 461 119 725 387`,
    `Passcode: ${SHORT_PASSCODE}`,
  ].join('\r\n');

  const mobileRouterFirst = [
    'Join the Teams Meeting from your mobile web browser:',
    ` https://visit.teams.microsoft.com/webrtc-svc/api/route?tid=${TID}&convId=${THREAD}`,
    `Unirse: ${SHORT}`,
    `Opciones de la reunión: https://teams.microsoft.com/meetingOptions/?organizerId=${OID}`,
  ].join('\n');

  it.each([
    ['a classic Outlook invitation (Safe Links, several links)', classicInvitation, LONG],
    ['a new-style invitation with a /meet/ link', newInvitation, SHORT_LOCATOR],
    ['an invitation whose first link is the mobile router', mobileRouterFirst, SHORT_LOCATOR],
  ] as const)('finds the meeting in %s', (_name, input, expected) => {
    expect(parseMeetingLink(input)).toEqual({ ok: true, locator: expected });
  });

  it('falls back to the meeting ID and passcode when the text has no usable link', () => {
    const text =
      'Microsoft Teams meeting\nMeeting ID: 290 807 467 617 6\nPasscode: F7MZyc\nMore info: https://aka.ms/JoinTeamsMeeting';
    expect(parseMeetingLink(text)).toEqual({
      ok: true,
      locator: { kind: 'meetingId', meetingId: '2908074676176', passcode: 'F7MZyc' },
    });
  });

  it('asks for the passcode when only a labelled meeting ID is found', () => {
    expect(errorCode('Meeting ID: 290 807 467 617 6')).toBe('invalid_passcode');
  });

  it('says "Teams for home" for a teams.live.com invitation even though it has a meeting ID', () => {
    const text =
      'Join: https://teams.live.com/meet/9378143028742?p=Qm7Tz2\nMeeting ID: 937 814 302 874 2\nPasscode: Qm7Tz2';
    expect(errorCode(text)).toBe('teams_for_home');
  });

  it('reports the most meeting-like failure when several links fail', () => {
    const text = `See https://example.com/agenda and ${CANONICAL.split('?')[0]} for details`;
    expect(errorCode(text)).toBe('not_a_meeting_link');
  });

  it('points a bare meeting ID typed into the link box at the meeting ID form', () => {
    const result = parseMeetingLink('290 807 467 617 6');
    expect(result).toMatchObject({ ok: false, error: { code: 'not_a_link' } });
    expect(result.ok ? '' : result.error.message).toMatch(/meeting ID/);
  });
});

describe('parseMeetingLink: refusals', () => {
  const liveLink = 'https://teams.live.com/meet/9378143028742?p=Qm7Tz2';
  const evilPath = `/l/meetup-join/${THREAD_ENC}/0?context=${CONTEXT_ENC}`;

  it.each([
    // empty / size
    ['an empty string', '', 'empty'],
    ['only whitespace', ' \n\t\r ', 'empty'],
    ['more than 4096 characters', 'a'.repeat(MAX_MEETING_LINK_LENGTH + 1), 'too_long'],
    ['a valid link padded past 4096 characters', CANONICAL.padEnd(MAX_MEETING_LINK_LENGTH + 1, ' '), 'too_long'],
    // Teams for home
    ['a teams.live.com short link', liveLink, 'teams_for_home'],
    ['a teams.live.com meetup-join link', `https://teams.live.com${evilPath}`, 'teams_for_home'],
    ['a teams.live.com subdomain', `https://www.teams.live.com${evilPath}`, 'teams_for_home'],
    ['an uppercase TEAMS.LIVE.COM', liveLink.replace('teams.live.com', 'TEAMS.LIVE.COM'), 'teams_for_home'],
    ['a schemeless teams.live.com link', liveLink.replace('https://', ''), 'teams_for_home'],
    // other hosts and look-alikes
    ['another site', 'https://zoom.us/j/85123456789?pwd=abcDEF123', 'not_teams_host'],
    [
      'a Teams host as a prefix of another domain',
      `https://teams.microsoft.com.evil.example${evilPath}`,
      'not_teams_host',
    ],
    ['a Teams host as a path on another domain', `evil.example/teams.microsoft.com${evilPath}`, 'not_teams_host'],
    [
      'a Teams URL after a schemeless other domain',
      `evil.example/https://teams.microsoft.com${evilPath}`,
      'not_teams_host',
    ],
    [
      'a Teams URL as a path on another https domain',
      `https://evil.example/https://teams.microsoft.com${evilPath}`,
      'not_teams_host',
    ],
    ['a userinfo trick', `https://teams.microsoft.com@evil.example${evilPath}`, 'not_teams_host'],
    ['a userinfo trick with a password', `https://teams.microsoft.com:443@evil.example${evilPath}`, 'not_teams_host'],
    ['userinfo on the genuine host', `https://attacker@teams.microsoft.com${evilPath}`, 'not_teams_host'],
    ['an encoded slash before @', `https://teams.microsoft.com%2F@evil.example${evilPath}`, 'not_teams_host'],
    ['a suffix look-alike', `https://evilteams.microsoft.com${evilPath}`, 'not_teams_host'],
    ['a hyphen look-alike', `https://teams-microsoft.com${evilPath}`, 'not_teams_host'],
    ['a trailing-dot host', `https://teams.microsoft.com.${evilPath}`, 'not_teams_host'],
    ['another port', `https://teams.microsoft.com:8443${evilPath}`, 'not_teams_host'],
    ['a Cyrillic homograph', `https://teams.micros\u043eft.com${evilPath}`, 'not_teams_host'],
    ['its punycode form', `https://teams.xn--microsft-sbh.com${evilPath}`, 'not_teams_host'],
    [
      'full-width letters the URL parser would fold to ASCII',
      `https://\uff54\uff45\uff41\uff4d\uff53.microsoft.com${evilPath}`,
      'not_teams_host',
    ],
    [
      'an ideographic full stop the URL parser would fold to a dot',
      `https://teams.microsoft\u3002com${evilPath}`,
      'not_teams_host',
    ],
    ['a percent-encoded dot in the host', `https://teams%2Emicrosoft.com${evilPath}`, 'not_teams_host'],
    ['an IP address', `https://127.0.0.1${evilPath}`, 'not_teams_host'],
    ['an IPv6 address', `https://[::1]${evilPath}`, 'not_teams_host'],
    [
      'a Bookings look-alike',
      `https://visit.teams.microsoft.com.evil.example/?JoinWebUrl=${enc(CANONICAL)}`,
      'not_teams_host',
    ],
    // schemes
    ['http on a Teams host', CANONICAL.replace('https:', 'http:'), 'not_a_link'],
    ['http short link', SHORT.replace('https:', 'http:'), 'not_a_link'],
    ['javascript: carrying a Teams URL', `javascript:alert(1)//https://teams.microsoft.com${evilPath}`, 'not_a_link'],
    ['JavaScript: in mixed case', 'JavaScript:fetch("https://evil.example")', 'not_a_link'],
    ['data: wrapping a Teams link', `data:text/html,<a href="${CANONICAL}">Join</a>`, 'not_a_link'],
    ['file:', 'file:///etc/passwd', 'not_a_link'],
    ['ftp: on a Teams host', `ftp://teams.microsoft.com${evilPath}`, 'not_a_link'],
    ['msteams: protocol link', `msteams:${evilPath}`, 'not_a_link'],
    ['https without slashes', `https:teams.microsoft.com${evilPath}`, 'not_a_link'],
    ['https with three slashes', `https:///teams.microsoft.com${evilPath}`, 'not_a_link'],
    // backslashes
    ['a backslash before @', `https://evil.example\\@teams.microsoft.com${evilPath}`, 'not_a_link'],
    ['a backslash after the Teams host', `https://teams.microsoft.com\\@evil.example${evilPath}`, 'not_a_link'],
    ['backslashes for slashes', `https:\\\\teams.microsoft.com${evilPath.replace(/\//g, '\\')}`, 'not_a_link'],
    // control and invisible characters
    ['a NUL byte', `https://teams.microsoft.com\u0000.evil.example${evilPath}`, 'not_a_link'],
    ['a zero-width space in the host', `https://teams.micro\u200bsoft.com${evilPath}`, 'not_a_link'],
    ['a soft hyphen in the host', `https://teams.micro\u00adsoft.com${evilPath}`, 'not_a_link'],
    ['a right-to-left override', `https://evil.example/\u202emoc.tfosorcim.smaet${evilPath}`, 'not_a_link'],
    ['a C1 control', `https://teams.microsoft.com${evilPath}\u0085`, 'not_a_link'],
    ['an escape character', `\u001b[31m${CANONICAL}`, 'not_a_link'],
    ['a BOM inside the text', `Join \ufeff${CANONICAL}`, 'not_a_link'],
    ['a variation selector in the host', `https://teams.microsoft.com\ufe0f${evilPath}`, 'not_a_link'],
    ['a blank-looking Hangul filler', `Join\u3164${CANONICAL}`, 'not_a_link'],
    // not links at all
    ['plain words', 'see you at the meeting', 'not_a_link'],
    ['a single word', 'meeting', 'not_a_link'],
  ] as const)('refuses %s', (_name, input, code) => {
    expect(errorCode(input)).toBe(code);
  });

  it('never lets a tab split inside a host turn into a Teams host', () => {
    expect(errorCode(`https://teams.micro\tsoft.com${evilPath}`)).not.toBe('accepted');
    expect(errorCode(`https://teams.micro\nsoft.com${evilPath}`)).not.toBe('accepted');
  });

  it('accepts input of exactly 4096 characters', () => {
    expect(ok(CANONICAL.padEnd(MAX_MEETING_LINK_LENGTH, ' '))).toEqual(LONG);
  });

  it.each([
    ['http', CANONICAL.replace('https:', 'http:'), /https:\/\//],
    ['a userinfo trick', `https://teams.microsoft.com@evil.example${evilPath}`, /hides its real destination/],
    ['a host the URL parser rewrites (hex IPv4)', `https://0x7f.1${evilPath}`, /hides its real destination/],
  ])('explains why %s is refused', (_name, input, message) => {
    const result = parseMeetingLink(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.message).toMatch(message);
  });

  it('uses the message the product promises for Teams for home', () => {
    expect(parseMeetingLink(liveLink)).toEqual({
      ok: false,
      error: {
        code: 'teams_for_home',
        message: "Teams for home meetings (teams.live.com) can't be joined by guests through Vestibule.",
      },
    });
  });

  it.each([
    ['the Teams home page', 'https://teams.microsoft.com/'],
    ['meeting options', `https://teams.microsoft.com/meetingOptions/?organizerId=${OID}&tenantId=${TID}`],
    ['a chat deep link', 'https://teams.microsoft.com/l/chat/0/0?users=alex@contoso.com'],
    ['a link cut before its context', `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0`],
    [
      'a link cut inside its context',
      `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0?context=%7b%22Tid%22%3a%22909c`,
    ],
    ['a link cut after the thread id', `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}`],
    ['a context that is a JSON array', `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0?context=%5b%5d`],
    ['a context that is not JSON', `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0?context=hello`],
    [
      'a context with non-ASCII text',
      `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0?context=${enc('{"Tid":"é"}')}`,
    ],
    ['two contexts', `${CANONICAL}&context=${enc('{"Tid":"00000000-0000-0000-0000-000000000000"}')}`],
    [
      'a thread id from another domain',
      `https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40evil.example/0?context=${CONTEXT_ENC}`,
    ],
    [
      'an encoded slash in the thread id',
      `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}%2f..%2f..%2fl%2fchat/0?context=${CONTEXT_ENC}`,
    ],
    [
      'a thread id that is not 19:…',
      `https://teams.microsoft.com/l/meetup-join/meeting_X%40thread.v2/0?context=${CONTEXT_ENC}`,
    ],
    [
      'a malformed percent-escape in the thread id',
      `https://teams.microsoft.com/l/meetup-join/19%3ameeting_%zz%40thread.v2/0?context=${CONTEXT_ENC}`,
    ],
    [
      'a message id that is not a number',
      `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/abc?context=${CONTEXT_ENC}`,
    ],
    ['an extra path segment', `https://teams.microsoft.com/l/meetup-join/${THREAD_ENC}/0/extra?context=${CONTEXT_ENC}`],
  ])('refuses %s as not a meeting link', (_name, input) => {
    expect(errorCode(input)).toBe('not_a_meeting_link');
  });

  it('gives every refusal a sentence a person can read', () => {
    for (const input of [
      '',
      'x'.repeat(5000),
      'https://example.com/',
      'https://teams.microsoft.com/',
      'http://teams.microsoft.com/',
    ]) {
      const result = parseMeetingLink(input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message).toMatch(/^[A-Z].{20,}[.)]$/);
        expect(result.error.message).not.toMatch(/undefined|null|\[object/);
      }
    }
  });
});

describe('parseMeetingLink: canonical form', () => {
  const accepted = [
    CANONICAL,
    upperHex(CANONICAL),
    `${CANONICAL}&anon=true#x`,
    CANONICAL.replace('teams.microsoft.com', 'teams.cloud.microsoft'),
    CANONICAL.replace('teams.microsoft.com', 'dod.teams.microsoft.us'),
    safeLinks(launcher(LAUNCHER_PATH)),
    `https://visit.teams.microsoft.com/?JoinWebUrl=${enc(CANONICAL)}`,
    SHORT,
    `${SHORT}&anon=true`,
    `https://teams.microsoft.com/meet/${SHORT_ID}`,
    safeLinks(SHORT.replace('teams.microsoft.com', 'teams.microsoft.us')),
  ];

  it.each(accepted)('round-trips: parsing the joinWebUrl of %s yields the same locator', (input) => {
    const first = ok(input);
    if (first.kind === 'meetingId') throw new Error('expected a link locator');
    expect(ok(first.joinWebUrl)).toEqual(first);
  });

  it.each(accepted)('only ever returns an https link on an allow-listed host, without a fragment: %s', (input) => {
    const locator = ok(input);
    if (locator.kind === 'meetingId') throw new Error('expected a link locator');
    const url = new URL(locator.joinWebUrl);
    expect(url.protocol).toBe('https:');
    expect(TEAMS_FOR_WORK_HOSTS).toContain(url.hostname);
    expect(url.hostname).not.toBe('teams.cloud.microsoft');
    expect(url.hash).toBe('');
    expect(url.username + url.password).toBe('');
  });

  it('encodes the thread id and context exactly as Teams does (lowercase hex, nothing else touched)', () => {
    const { joinWebUrl } = ok(upperHex(`${CANONICAL}&anon=true`)) as { joinWebUrl: string };
    expect(joinWebUrl).toBe(GRAPH_DOCS_JOIN_WEB_URL);
    expect(joinWebUrl).not.toMatch(/%[0-9a-f]?[A-F]/);
  });

  it('lists exactly the documented Teams-for-work hosts', () => {
    expect([...TEAMS_FOR_WORK_HOSTS].sort()).toEqual([
      'dod.teams.microsoft.us',
      'gov.teams.microsoft.us',
      'teams.cloud.microsoft',
      'teams.microsoft.com',
      'teams.microsoft.us',
    ]);
  });
});

describe('parseMeetingId', () => {
  it.each([
    ['grouped as Teams shows it', '123 456 789 012', 'Ab12Cd', '123456789012', 'Ab12Cd'],
    ['15 digits with an odd last group', '276 461 119 725 387', SHORT_PASSCODE, SHORT_ID, SHORT_PASSCODE],
    ['10 digits without spaces', '1234567890', 'x', '1234567890', 'x'],
    ['surrounding whitespace trimmed', '  2908074676176 ', ' F7MZyc\t', '2908074676176', 'F7MZyc'],
    [
      'non-breaking spaces between groups',
      '290\u00a0807\u00a0467\u00a0617\u00a06',
      'F7MZyc',
      '2908074676176',
      'F7MZyc',
    ],
    ['a 16-character passcode', '123456789012', 'A'.repeat(16), '123456789012', 'A'.repeat(16)],
  ])('accepts %s', (_name, meetingId, passcode, expectedId, expectedPasscode) => {
    expect(parseMeetingId(meetingId, passcode)).toEqual({
      ok: true,
      locator: { kind: 'meetingId', meetingId: expectedId, passcode: expectedPasscode },
    });
  });

  it.each([
    ['both empty', '', '  ', 'empty'],
    ['a missing meeting ID', '', 'Ab12Cd', 'invalid_meeting_id'],
    ['9 digits', '123 456 789', 'Ab12Cd', 'invalid_meeting_id'],
    ['16 digits', '1234 5678 9012 3456', 'Ab12Cd', 'invalid_meeting_id'],
    ['dashes', '123-456-789-012', 'Ab12Cd', 'invalid_meeting_id'],
    ['letters', '123 456 789 01a', 'Ab12Cd', 'invalid_meeting_id'],
    [
      'full-width digits',
      '\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10',
      'Ab12Cd',
      'invalid_meeting_id',
    ],
    [
      'Arabic-Indic digits',
      '\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660',
      'Ab12Cd',
      'invalid_meeting_id',
    ],
    ['a link in the ID box', SHORT, 'Ab12Cd', 'invalid_meeting_id'],
    ['a missing passcode', '123 456 789 012', '', 'invalid_passcode'],
    ['a 17-character passcode', '123 456 789 012', 'A'.repeat(17), 'invalid_passcode'],
    ['a passcode with a space', '123 456 789 012', 'Ab 12', 'invalid_passcode'],
    ['a passcode with punctuation', '123 456 789 012', "Ab12'--", 'invalid_passcode'],
    ['a non-ASCII passcode', '123 456 789 012', 'pässcode', 'invalid_passcode'],
    ['a too-long meeting ID', '1'.repeat(MAX_MEETING_LINK_LENGTH + 1), 'Ab12Cd', 'too_long'],
    ['a too-long passcode', '123 456 789 012', 'a'.repeat(MAX_MEETING_LINK_LENGTH + 1), 'too_long'],
  ] as const)('refuses %s', (_name, meetingId, passcode, code) => {
    const result = parseMeetingId(meetingId, passcode);
    expect(result.ok ? 'accepted' : result.error.code).toBe(code);
  });
});
