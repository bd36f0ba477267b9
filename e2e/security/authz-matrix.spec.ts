import { expect, test } from '../fixtures';
import { APP_URL } from '../../playwright.config';
import { apiRoutes } from './inventory';
import { setUpParties, type Identity, type Parties } from './parties';

/**
 * Issue #12's standing authorization matrix: every API route × every kind of caller, over real HTTP
 * against the production server. Each cell names the statuses that caller may get; "served" means
 * anything but a refusal (401/403/404) or a server error — the caller got in, and the route judged
 * the request itself (400/422 for the matrix's minimal bodies are fine).
 */
type Expect = number[] | 'served';
interface Row {
  call: (p: Parties) => { method: string; path: string; body?: unknown };
  expect: Record<Identity, Expect>;
}

const SIGNED_OUT: Pick<Record<Identity, Expect>, 'anonymous' | 'forged' | 'ended staff session'> = {
  anonymous: [401],
  forged: [401],
  'ended staff session': [401],
};
/** Staff routes about the organizer's own meeting or share. */
const ORGANIZER_ONLY: Record<Identity, Expect> = {
  ...SIGNED_OUT,
  'other staff': [403, 404],
  organizer: 'served',
  guest: [401, 403],
  'guest of another share': [401, 403],
};
/** Staff routes about the caller's own calendar: every employee, no guest. */
const ANY_STAFF: Record<Identity, Expect> = { ...ORGANIZER_ONLY, 'other staff': 'served' };
/** The guest routes of the share `shareId`: its own signed-in guest only; staff are told it's for guests. */
const ITS_GUEST: Record<Identity, Expect> = {
  ...SIGNED_OUT,
  'other staff': [403],
  organizer: [403],
  guest: 'served',
  'guest of another share': [403, 404],
};
/** Open by design (the sign-in itself, health, next-auth's endpoints); rate limits may answer 429. */
const PUBLIC: Record<Identity, Expect> = {
  anonymous: 'served',
  forged: 'served',
  'ended staff session': 'served',
  'other staff': 'served',
  organizer: 'served',
  guest: 'served',
  'guest of another share': 'served',
};

const everyone = (statuses: number[]) =>
  Object.fromEntries(Object.keys(PUBLIC).map((who) => [who, statuses])) as Record<Identity, Expect>;

const m = (p: Parties) => encodeURIComponent(p.meeting.id);

/** Keyed like inventory.ts names routes; the revocation runs last, as it ends the share for the rest. */
const MATRIX: Record<string, Row> = {
  'GET /api/health': { call: () => ({ method: 'GET', path: '/api/health' }), expect: PUBLIC },
  'GET /api/health/live': { call: () => ({ method: 'GET', path: '/api/health/live' }), expect: PUBLIC },
  'GET /api/health/ready': { call: () => ({ method: 'GET', path: '/api/health/ready' }), expect: PUBLIC },
  '* /api/auth/[...nextauth]': { call: () => ({ method: 'GET', path: '/api/auth/session' }), expect: PUBLIC },
  'POST /api/join/[shareId]/sign-in': {
    call: (p) => ({ method: 'POST', path: `/api/join/${p.shareId}/sign-in`, body: { email: 'nobody@example.com' } }),
    expect: PUBLIC,
  },
  'POST /api/join/[shareId]/code': {
    call: (p) => ({
      method: 'POST',
      path: `/api/join/${p.shareId}/code`,
      body: { email: 'nobody@example.com', code: '000000' },
    }),
    // A wrong code reads the same for everyone (422), signed in or not.
    expect: everyone([422, 429]),
  },
  'POST /api/join/[shareId]/link': {
    call: (p) => ({ method: 'POST', path: `/api/join/${p.shareId}/link`, body: { token: 'x'.repeat(43) } }),
    // A made-up link is "not valid" (404) for everyone, signed in or not.
    expect: everyone([404, 429]),
  },
  'GET /api/meetings': { call: () => ({ method: 'GET', path: '/api/meetings' }), expect: ANY_STAFF },
  'POST /api/meetings': { call: () => ({ method: 'POST', path: '/api/meetings', body: {} }), expect: ANY_STAFF },
  'GET /api/meetings/lookup': {
    call: (p) => ({ method: 'GET', path: `/api/meetings/lookup?link=${encodeURIComponent(p.meeting.joinWebUrl)}` }),
    // Other staff may look a link up; the answer then says they can't share it (404), not 401/403.
    expect: { ...ANY_STAFF, 'other staff': [200, 404] },
  },
  'GET /api/meetings/[meetingId]': {
    call: (p) => ({ method: 'GET', path: `/api/meetings/${m(p)}` }),
    expect: ORGANIZER_ONLY,
  },
  'GET /api/meetings/[meetingId]/audit': {
    call: (p) => ({ method: 'GET', path: `/api/meetings/${m(p)}/audit` }),
    expect: ORGANIZER_ONLY,
  },
  'POST /api/meetings/[meetingId]/host-token': {
    call: (p) => ({ method: 'POST', path: `/api/meetings/${m(p)}/host-token` }),
    expect: ORGANIZER_ONLY,
  },
  'GET /api/meetings/[meetingId]/identities': {
    call: (p) => ({ method: 'GET', path: `/api/meetings/${m(p)}/identities` }),
    expect: ORGANIZER_ONLY,
  },
  'POST /api/meetings/[meetingId]/host-presence': {
    call: (p) => ({ method: 'POST', path: `/api/meetings/${m(p)}/host-presence` }),
    expect: ORGANIZER_ONLY,
  },
  'DELETE /api/meetings/[meetingId]/host-presence': {
    call: (p) => ({ method: 'DELETE', path: `/api/meetings/${m(p)}/host-presence` }),
    expect: ORGANIZER_ONLY,
  },
  'POST /api/meetings/[meetingId]/removals/[shareId]': {
    // No removal is pending for the share: the organizer gets in and is told so (409, "served").
    call: (p) => ({
      method: 'POST',
      path: `/api/meetings/${m(p)}/removals/${p.shareId}`,
      body: { outcome: 'removed' },
    }),
    expect: ORGANIZER_ONLY,
  },
  'GET /api/meetings/[meetingId]/shares': {
    call: (p) => ({ method: 'GET', path: `/api/meetings/${m(p)}/shares` }),
    expect: ORGANIZER_ONLY,
  },
  'POST /api/meetings/[meetingId]/shares': {
    // A valid invitation, so the answer is about who may share (validation alone would answer 422
    // to anyone); the organizer's own invitation is created (201).
    call: (p) => ({
      method: 'POST',
      path: `/api/meetings/${m(p)}/shares`,
      body: { guests: [{ email: `matrix.${Date.now()}@example.com` }] },
    }),
    expect: ORGANIZER_ONLY,
  },
  'POST /api/shares/[shareId]/token': {
    call: (p) => ({ method: 'POST', path: `/api/shares/${p.shareId}/token`, body: { displayName: 'Matrix' } }),
    expect: ITS_GUEST,
  },
  'POST /api/shares/[shareId]/status': {
    call: (p) => ({ method: 'POST', path: `/api/shares/${p.shareId}/status`, body: { status: 'in_lobby' } }),
    expect: ITS_GUEST,
  },
  'POST /api/shares/[shareId]/resend': {
    call: (p) => ({ method: 'POST', path: `/api/shares/${p.otherShareId}/resend` }),
    expect: ORGANIZER_ONLY,
  },
  'DELETE /api/shares/[shareId]': {
    call: (p) => ({ method: 'DELETE', path: `/api/shares/${p.otherShareId}` }),
    expect: ORGANIZER_ONLY,
  },
};

const IDENTITIES = Object.keys(PUBLIC) as Identity[];

test.describe('authorization matrix', () => {
  test('has a row for every API route of the app', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(apiRoutes());
  });

  test('every route refuses every caller it must, and serves the one it should', async ({ browser }) => {
    test.setTimeout(240_000);
    const parties = await setUpParties(browser);
    const wrong: string[] = [];
    let cases = 0;
    for (const [route, row] of Object.entries(MATRIX)) {
      // The organizer's revocation would end the share for the identities after it: organizer last.
      for (const who of [...IDENTITIES.filter((i) => i !== 'organizer'), 'organizer' as const]) {
        const { method, path, body } = row.call(parties);
        const res = await fetch(`${APP_URL}${path}`, {
          method,
          headers: {
            ...(parties.cookies[who] ? { cookie: parties.cookies[who] } : {}),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          redirect: 'manual',
        });
        cases++;
        const allowed = row.expect[who];
        const ok =
          allowed === 'served'
            ? res.status < 500 && ![401, 403, 404].includes(res.status)
            : allowed.includes(res.status);
        if (!ok) wrong.push(`${route} as ${who}: ${res.status}, expected ${String(allowed)}`);
      }
    }
    console.log(`authorization matrix: ${cases} cases, ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
  });
});
