/**
 * npm run load — 300 guests against one production instance (`next start`, run `npm run build`
 * first) and the emulator, on this machine. Not a test: it prints figures.
 *
 * The app and the emulator run as processes of their own; this one only plays the guests.
 *
 * Set-up (not timed): organizers sign in through next-auth and invite the guests of their meetings
 * through the portal's API (30 each, the invitation limit), 6 guests a meeting (the local mesh takes 8).
 * Then every guest, all started within the first seconds: asks for the sign-in mail, reads its link
 * from the emulator's mailbox, signs in with it, fetches an ACS token from the token route and joins
 * the meeting on the local calling service with a protocol client (a WebSocket, no media) until
 * `joined`. Prints joins/s, errors, p50/p99 of each step, the app server's CPU and memory over the
 * run, and then the token route's throughput at 50 connections as a ratio to a static asset's
 * (autocannon, same run, same server).
 *
 * All 300 guests come from 127.0.0.1, so the per-client-address guest limits are raised with
 * GUEST_CLIENT_LIMIT_FACTOR=1000 (see lib/config.js); the per-session and per-invitation limits stay.
 *
 *   npm run load -- [--guests 300] [--per-meeting 6] [--seconds 10] [--cpu-prof DIR]
 *   --seconds: each autocannon run; --cpu-prof: the app server writes V8 CPU profiles (.cpuprofile,
 *   open in Chrome DevTools) of the whole run into DIR when it stops.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { connectAndJoin } from '@/emulator/calling/client';
import { ADMIN_REQUEST_HEADERS } from '@/emulator/constants';
import { freePort } from './processes.mjs';
import { mailWatcher, percentile, signInStaff, startApp, startEmulatorProcess, type RunningApp } from './load-support';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const GUESTS = arg('guests', 300);
const PER_MEETING = arg('per-meeting', 6);
const CANNON_SECONDS = arg('seconds', 10);
const CPU_PROF_DIR = process.argv.includes('--cpu-prof')
  ? path.resolve(process.argv[process.argv.indexOf('--cpu-prof') + 1] ?? 'cpu-profiles')
  : undefined;
const INVITES_PER_ORGANIZER = 30;
/** Guests start this far apart (300 in ~6 s): a crowd arriving, not one synchronized burst. */
const ARRIVAL_MS = 20;
const STEPS = ['mail requested', 'mail arrived', 'signed in', 'token', 'joined call', 'total'] as const;
type Step = (typeof STEPS)[number];

interface Guest {
  shareId: string;
  email: string;
  meetingLink: string;
}

const json = (cookie: string, origin: string) => ({ 'content-type': 'application/json', cookie, origin });

async function setUp(emuUrl: string, appUrl: string): Promise<Guest[]> {
  const guests: Guest[] = [];
  const password = 'load-only';
  const meetingsPerOrganizer = Math.floor(INVITES_PER_ORGANIZER / PER_MEETING);
  for (let o = 0; guests.length < GUESTS; o++) {
    const organizer = (await (
      await fetch(`${emuUrl}/admin/users`, {
        method: 'POST',
        headers: ADMIN_REQUEST_HEADERS,
        body: JSON.stringify({
          displayName: `Load Organizer ${o}`,
          upn: `load-${o}-${Date.now()}@contoso.test`,
          password,
        }),
      })
    ).json()) as { upn: string };
    const cookie = await signInStaff(appUrl, { upn: organizer.upn, password });
    for (let m = 0; m < meetingsPerOrganizer && guests.length < GUESTS; m++) {
      const start = new Date(Date.now() + 3600_000);
      const meeting = (await (
        await fetch(`${emuUrl}/admin/meetings`, {
          method: 'POST',
          headers: ADMIN_REQUEST_HEADERS,
          body: JSON.stringify({
            organizer: organizer.upn,
            subject: `Load ${o}.${m}`,
            startDateTime: start.toISOString(),
            endDateTime: new Date(start.getTime() + 3600_000).toISOString(),
            lobbyBypassScope: 'everyone',
          }),
        })
      ).json()) as { id: string; joinWebUrl: string };
      const count = Math.min(PER_MEETING, GUESTS - guests.length);
      const res = await fetch(`${appUrl}/api/meetings/${encodeURIComponent(meeting.id)}/shares`, {
        method: 'POST',
        headers: json(cookie, appUrl),
        body: JSON.stringify({
          guests: Array.from({ length: count }, (_, g) => ({
            name: `Guest ${o}.${m}.${g}`,
            email: `load.${o}.${m}.${g}.${Date.now()}@fabrikam.example`,
          })),
        }),
      });
      if (res.status !== 201) throw new Error(`inviting failed: HTTP ${res.status} ${await res.text()}`);
      for (const share of ((await res.json()) as { shares: { id: string; guestEmail: string }[] }).shares) {
        guests.push({ shareId: share.id, email: share.guestEmail, meetingLink: meeting.joinWebUrl });
      }
    }
  }
  return guests;
}

interface Outcome {
  times: Partial<Record<Step, number>>;
  error?: string;
  cookie?: string;
  shareId: string;
}

async function walkIn(
  guest: Guest,
  appUrl: string,
  mail: ReturnType<typeof mailWatcher>,
  callingUrl: string,
): Promise<Outcome> {
  const times: Outcome['times'] = {};
  const t0 = performance.now();
  let mark = t0;
  const step = (name: Step) => {
    const now = performance.now();
    times[name] = now - mark;
    mark = now;
  };
  const base = `${appUrl}/api/join/${guest.shareId}`;
  try {
    const asked = await fetch(`${base}/sign-in`, {
      method: 'POST',
      headers: json('', appUrl),
      body: JSON.stringify({ email: guest.email }),
    });
    if (asked.status !== 202) throw new Error(`sign-in mail: HTTP ${asked.status}`);
    step('mail requested');
    const token = await mail.linkToken(guest.email);
    step('mail arrived');
    const linked = await fetch(`${base}/link`, {
      method: 'POST',
      headers: json('', appUrl),
      body: JSON.stringify({ token }),
    });
    if (linked.status !== 200) throw new Error(`sign-in link: HTTP ${linked.status}`);
    const cookie = linked.headers.getSetCookie()[0]!.split(';')[0]!;
    step('signed in');
    const issued = await fetch(`${appUrl}/api/shares/${guest.shareId}/token`, {
      method: 'POST',
      headers: json(cookie, appUrl),
      body: JSON.stringify({ displayName: `Guest ${guest.shareId.slice(0, 6)}` }),
    });
    if (issued.status !== 200) throw new Error(`token: HTTP ${issued.status}`);
    const acs = (await issued.json()) as { token: string; locator: { meetingLink?: string } };
    step('token');
    const { client, first } = await connectAndJoin(
      callingUrl,
      {
        token: acs.token,
        meeting: { joinUrl: acs.locator.meetingLink ?? guest.meetingLink },
        displayName: 'Load guest',
      },
      { origin: appUrl },
    );
    if (first.type !== 'joined') throw new Error(`calling service: ${first.type} ${JSON.stringify(first)}`);
    step('joined call');
    times.total = performance.now() - t0;
    // Stay in the call until the run ends (the service counts us); close quietly afterwards.
    setTimeout(() => client.ws.close(1000), 70_000).unref();
    return { times, cookie, shareId: guest.shareId };
  } catch (error) {
    return { times, error: error instanceof Error ? error.message : String(error), shareId: guest.shareId };
  }
}

async function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 50, duration: CANNON_SECONDS, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'vestibule-load-'));
  const appPort = await freePort();
  const appUrl = `http://localhost:${appPort}`;
  const emuPort = await freePort();
  const smtpPort = await freePort();
  const emu = await startEmulatorProcess(emuPort, smtpPort, path.join(dir, 'emulator'), appUrl);
  let app: RunningApp | undefined;
  try {
    app = await startApp(
      appPort,
      {
        VESTIBULE_CLOUD: 'local',
        APP_URL: appUrl,
        DATA_DIR: path.join(dir, 'app'),
        EMULATOR_URL: emu.url,
        EMULATOR_SMTP_PORT: String(smtpPort),
        LOG_LEVEL: 'warn',
        GUEST_CLIENT_LIMIT_FACTOR: '1000',
      },
      // Node refuses --cpu-prof in NODE_OPTIONS: it goes on the server's own command line.
      CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : [],
    );
    const callingUrl = `${emu.url.replace(/^http/, 'ws')}/calling`;
    console.log(`setting up ${GUESTS} invitations …`);
    const guests = await setUp(emu.url, app.url);
    const meetings = new Set(guests.map((g) => g.meetingLink)).size;

    console.log(`${GUESTS} guests walking in, across ${meetings} meetings …`);
    const mail = mailWatcher(emu.url);
    const before = app.usage();
    const started = performance.now();
    const outcomes = await Promise.all(
      guests.map(async (g, i) => {
        await new Promise((r) => setTimeout(r, i * ARRIVAL_MS));
        return walkIn(g, app!.url, mail, callingUrl);
      }),
    );
    const wallS = (performance.now() - started) / 1000;
    const after = app.usage();
    const ok = outcomes.filter((o) => !o.error);
    const errors = outcomes.filter((o) => o.error);

    console.log(
      `\n${ok.length}/${GUESTS} guests joined in ${wallS.toFixed(1)} s (${(ok.length / wallS).toFixed(1)} joins/s), ${errors.length} errors`,
    );
    for (const [message, n] of countBy(errors.map((e) => e.error!.replace(/\S+@\S+/g, '<guest>')))) {
      console.log(`  error ×${n}: ${message}`);
    }
    console.log('\n| step | p50 | p99 |\n|---|---:|---:|');
    for (const s of STEPS) {
      const xs = ok.map((o) => o.times[s]!).filter((x) => x !== undefined);
      console.log(`| ${s} | ${percentile(xs, 50).toFixed(0)} ms | ${percentile(xs, 99).toFixed(0)} ms |`);
    }
    const cpuMs = after.cpuMs - before.cpuMs;
    console.log(
      `\napp server (next start, every process): CPU ${(cpuMs / 1000).toFixed(1)} s over ${wallS.toFixed(1)} s ` +
        `(${((cpuMs / 1000 / wallS) * 100).toFixed(0)} % of one core), ${(cpuMs / Math.max(1, ok.length)).toFixed(1)} ms per guest; ` +
        `RSS ${after.rssMB.toFixed(0)} MB`,
    );

    // Throughput: the token route, spread over the signed-in guests' sessions so no session meets its
    // own limit, against a static chunk. Each session minted its token while walking in, so this is
    // what a guest asking again soon costs (a reload, a second tab): rate limits, session, share and
    // the token it holds (GuestTokenCache), no ACS round trip. A mint is the walk-in's "token" step.
    const sessions = ok.map((o) => ({ cookie: o.cookie!, shareId: o.shareId }));
    const asset = readdirSync('.next/static/chunks').find((f) => f.endsWith('.js'));
    const staticRun = await cannon({ url: `${app.url}/_next/static/chunks/${asset}` });
    let n = 0;
    const beforeToken = app.usage();
    const tokenRun = await cannon({
      url: app.url,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const s = sessions[n++ % sessions.length]!;
            return {
              ...req,
              path: `/api/shares/${s.shareId}/token`,
              headers: { ...json(s.cookie, app!.url) },
              body: JSON.stringify({ displayName: 'Load guest' }),
            };
          },
        },
      ],
    });
    const tokenCpu = app.usage().cpuMs - beforeToken.cpuMs;
    const rps = (r: autocannon.Result) => r.requests.average;
    const non2xx = (r: autocannon.Result) => r.non2xx + r.errors + r.timeouts;
    console.log(
      `\nstatic asset, 50 connections: ${rps(staticRun).toFixed(0)} req/s, p99 ${staticRun.latency.p99} ms, ${non2xx(staticRun)} failed` +
        `\ntoken route (sessions asking again), 50 connections: ${rps(tokenRun).toFixed(0)} req/s, p99 ${tokenRun.latency.p99} ms, ${non2xx(tokenRun)} failed, ` +
        `${(tokenCpu / Math.max(1, tokenRun.requests.total)).toFixed(1)} ms CPU/request` +
        `\ntoken route / static asset throughput: ${(rps(tokenRun) / rps(staticRun)).toFixed(2)}×`,
    );
    console.log(
      `\nbudgets: 300 joined within 60 s with 0 errors: ${ok.length >= 300 && wallS <= 60 && !errors.length ? 'holds' : 'does not hold'}; ` +
        `token route ≥ 0.3× static and p99 < 100 ms: ${rps(tokenRun) / rps(staticRun) >= 0.3 && tokenRun.latency.p99 < 100 ? 'holds' : 'does not hold'}`,
    );
  } finally {
    await app?.stop();
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function countBy(xs: string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m];
}

await main();
process.exit(0);
