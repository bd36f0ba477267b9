/**
 * npm run bench — the guest's waits and the calling service's cost, measured (not assumed) on this
 * machine, against the production build (`npm run build` first) and the local cloud:
 *
 *   1. Three waits of a guest, in real Chromium with fake camera and microphone, through the real flow
 *      (invited by the organizer through the portal's API, signed in with the mailed link):
 *      - invitation link → camera preview: from opening `/join/{id}` (signed in) to the preview's
 *        first frame (budget 1.5 s);
 *      - Join now → in the lobby: from the click to the composite's lobby with the call InLobby (1 s),
 *        twice: clicked the moment the preview shows (the call's code may still be loading: the
 *        guest opened the pre-join directly), and clicked once the call's code is in (the page's
 *        network is idle: what a guest who signed in on the invitation page, where the prefetch
 *        starts, gets). Each broken into the token route's round trip, the call code still fetched
 *        after the click, and the calling service's WebSocket join (socket opened → `joined`);
 *      - admit → first remote frame: from the host admitting the guest to the guest's first decoded
 *        video frame from the guest already in the call (1 s).
 *      The host is the organizer's own client on the calling service (a protocol client with the
 *      token of "Join as host", no media), so only the guests' browsers are measured.
 *   2. The emulator calling service's CPU and memory with N simulated participants (no media).
 *
 * Everything runs on loopback, bounded in count and time, and every process it starts is stopped
 * before it exits (the app as a whole process group). `--skip-browser` runs only part 2.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page, type Request, type WebSocket } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '@/e2e/support/chromium';
import { runCallingBench } from '@/emulator/calling/bench';
import { connectAndJoin, type CallClient } from '@/emulator/calling/client';
import { ADMIN_REQUEST_HEADERS } from '@/emulator/constants';
import { startEmulator } from '@/emulator/index';
import { startApp, signInLinkToken, type RunningApp } from './load-support';
import { freePort } from './processes.mjs';

const args = new Set(process.argv.slice(2));
const RUNS = 3;

interface Share {
  id: string;
  guestEmail: string;
  joinPath: string;
}

/**
 * Signs a guest in the way their pages do, outside the measured part: asks for the sign-in mail, reads
 * its link from the emulator's mailbox and sends the link's token; the session cookie lands in `context`.
 */
async function signInByMail(context: BrowserContext, emulatorUrl: string, appUrl: string, share: Share) {
  const asked = await context.request.post(`${appUrl}/api/join/${share.id}/sign-in`, {
    data: { email: share.guestEmail },
  });
  if (asked.status() !== 202) throw new Error(`asking for a sign-in mail failed: HTTP ${asked.status()}`);
  const token = await signInLinkToken(emulatorUrl, share.guestEmail);
  const signedIn = await context.request.post(`${appUrl}/api/join/${share.id}/link`, { data: { token } });
  if (signedIn.status() !== 200) throw new Error(`signing the guest in failed: HTTP ${signedIn.status()}`);
}

const describeParts = (p: JoinParts) =>
  [
    `token ${p.tokenStart ?? '–'}→${p.tokenEnd ?? '–'}`,
    p.scripts.length
      ? `${p.scripts.length} script(s) fetched (${p.scripts.join(', ')}), last at ${p.scriptsEnd}`
      : 'no script fetched',
    `calling WebSocket opened ${p.wsOpen ?? '–'}, joined ${p.wsJoined ?? '–'}`,
  ].join('; ');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Waits {
  linkToPreview: number;
  joinToLobby: number;
  joinToLobbyCodeIn: number;
  admitToFrame: number;
  /** Where the two Join now → lobby waits went. */
  parts: { early: JoinParts; codeIn: JoinParts };
}

/** Milliseconds after the click; undefined when the page did not do it (e.g. no code left to fetch). */
interface JoinParts {
  tokenStart?: number;
  tokenEnd?: number;
  /** Scripts fetched after the click, and when the last one arrived. */
  scripts: string[];
  scriptsEnd?: number;
  wsOpen?: number;
  wsJoined?: number;
}

/**
 * Watches the page from the click on: the token route's request, the scripts still fetched and the
 * calling WebSocket's `joined`. Timed on this (Node) side, so each mark may be a few ms late.
 */
function watchJoin(page: Page, clickedAt: () => number) {
  const parts: JoinParts = { scripts: [] };
  const since = () => Date.now() - clickedAt();
  const isToken = (r: Request) =>
    r.method() === 'POST' && /\/api\/shares\/[^/]+\/token$/.test(new URL(r.url()).pathname);
  const onRequest = (r: Request) => {
    if (isToken(r)) parts.tokenStart ??= since();
  };
  const onFinished = (r: Request) => {
    if (isToken(r)) parts.tokenEnd ??= since();
    if (r.resourceType() === 'script') {
      parts.scripts.push(path.basename(new URL(r.url()).pathname));
      parts.scriptsEnd = since();
    }
  };
  const onSocket = (ws: WebSocket) => {
    if (!ws.url().includes('/calling')) return;
    parts.wsOpen ??= since();
    ws.on('framereceived', ({ payload }) => {
      if (String(payload).includes('"type":"joined"')) parts.wsJoined ??= since();
    });
  };
  page.on('request', onRequest);
  page.on('requestfinished', onFinished);
  page.on('websocket', onSocket);
  return {
    parts,
    stop: () => {
      page.off('request', onRequest);
      page.off('requestfinished', onFinished);
      page.off('websocket', onSocket);
    },
  };
}

/**
 * Starts counting the page's requests; the function it returns resolves once none has been in flight
 * for `quietMs` (longer than the prefetch's idle timeout, so a prefetch about to start is waited for).
 */
function networkQuiet(page: Page) {
  let inFlight = 0;
  let lastChange = Date.now();
  page.on('request', () => (inFlight++, (lastChange = Date.now())));
  const done = () => (inFlight--, (lastChange = Date.now()));
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async (quietMs: number) => {
    const deadline = Date.now() + 60_000;
    while (inFlight > 0 || Date.now() - lastChange < quietMs) {
      if (Date.now() > deadline) throw new Error('the page never went quiet');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
}

/**
 * Resolves once the page's main thread has had three idle periods of nearly the full 50 ms in a row:
 * a downloaded call bundle is still being compiled and run for a while after the network is quiet.
 */
async function mainThreadIdle(page: Page) {
  await page.evaluate(async () => {
    const deadline = performance.now() + 60_000;
    let calm = 0;
    while (calm < 3 && performance.now() < deadline) {
      const left = await new Promise<number>((resolve) => requestIdleCallback((d) => resolve(d.timeRemaining())));
      calm = left >= 45 ? calm + 1 : 0;
    }
  });
}

/** Clicks Join now and resolves with the wait until the lobby, and where it went. */
async function joinToLobby(page: Page, joinNow: Locator): Promise<{ ms: number; parts: JoinParts }> {
  let clickedAt = Date.now();
  const watch = watchJoin(page, () => clickedAt);
  clickedAt = Date.now();
  await joinNow.click();
  await inCallState(page, { page: 'lobby', callState: 'InLobby' });
  const ms = Date.now() - clickedAt;
  watch.stop();
  return { ms, parts: watch.parts };
}

const inCallState = (page: Page, wanted: { page: string; callState?: string }) =>
  page.waitForFunction(
    (w) => {
      const hook = (window as unknown as { __vestibuleCall?: { state: { page: string; call?: { state: string } } } })
        .__vestibuleCall;
      return hook?.state.page === w.page && (!w.callState || hook.state.call?.state === w.callState);
    },
    wanted,
    { timeout: 30_000, polling: 20 },
  );

/** Opens the invitation (signed in) and resolves once the camera preview shows a frame; returns Join now. */
async function openToPreview(page: Page, appUrl: string, share: Share) {
  await page.goto(`${appUrl}${share.joinPath}`, { waitUntil: 'commit' });
  // Join with the camera on, as in a video meeting: the figures are about *video* frames.
  await page.waitForFunction(
    () => {
      const v = document.querySelector<HTMLVideoElement>('video[data-testid="camera-preview"]');
      return !!v && v.videoWidth > 0;
    },
    undefined,
    { timeout: 30_000, polling: 20 },
  );
  return page.getByRole('button', { name: 'Join now' });
}

async function guestWaits(): Promise<Waits[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vestibule-bench-'));
  const appPort = await freePort();
  const appUrl = `http://localhost:${appPort}`;
  const emu = await startEmulator({
    port: 0,
    smtpPort: 0,
    dataDir: path.join(dir, 'emulator'),
    quiet: true,
    appOrigins: [appUrl],
  });
  let app: RunningApp | undefined;
  const hosts: CallClient[] = [];
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    app = await startApp(appPort, {
      VESTIBULE_CLOUD: 'local',
      APP_URL: appUrl,
      DATA_DIR: path.join(dir, 'app'),
      EMULATOR_URL: emu.url,
      EMULATOR_SMTP_PORT: String(emu.smtpPort),
      LOG_LEVEL: 'warn',
    });
    const password = 'bench-only';
    const organizer = (await (
      await fetch(`${emu.url}/admin/users`, {
        method: 'POST',
        headers: ADMIN_REQUEST_HEADERS,
        body: JSON.stringify({ displayName: 'Bench Organizer', upn: `bench-${Date.now()}@contoso.test`, password }),
      })
    ).json()) as { upn: string };
    // The organizer signs in once, as a person does, and invites the guests of every run from the portal's API.
    const staff = await browser.newContext();
    const staffPage = await staff.newPage();
    await staffPage.goto(`${appUrl}/portal`);
    await staffPage.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await staffPage
      .getByLabel(/e-?mail|user/i)
      .first()
      .fill(organizer.upn);
    await staffPage.getByLabel(/password/i).fill(password);
    await staffPage.getByRole('button', { name: /sign in/i }).click();
    await staffPage.getByRole('heading', { name: 'Your Teams meetings' }).waitFor({ timeout: 30_000 });

    const results: Waits[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = new Date(Date.now() + 3600_000);
      // The default lobby: guests wait until the host admits them.
      const meeting = (await (
        await fetch(`${emu.url}/admin/meetings`, {
          method: 'POST',
          headers: ADMIN_REQUEST_HEADERS,
          body: JSON.stringify({
            organizer: organizer.upn,
            subject: `Bench ${run}`,
            startDateTime: start.toISOString(),
            endDateTime: new Date(start.getTime() + 3600_000).toISOString(),
          }),
        })
      ).json()) as { id: string; joinWebUrl: string };
      const meetingPath = `${appUrl}/api/meetings/${encodeURIComponent(meeting.id)}`;
      const invited = await staffPage.request.post(`${meetingPath}/shares`, {
        data: {
          guests: ['First guest', 'Second guest', 'Third guest'].map((name, i) => ({
            name,
            email: `bench.${run}.${i}.${Date.now()}@fabrikam.example`,
          })),
        },
      });
      if (invited.status() !== 201) throw new Error(`inviting the guests failed: HTTP ${invited.status()}`);
      const shares = ((await invited.json()) as { shares: Share[] }).shares;

      // The host: the organizer's "Join as host" token on a protocol client that admits on request.
      const hostToken = await staffPage.request.post(`${meetingPath}/host-token`);
      if (hostToken.status() !== 200) throw new Error(`the host token failed: HTTP ${hostToken.status()}`);
      const { client: host, first } = await connectAndJoin(
        `${emu.url.replace(/^http/, 'ws')}/calling`,
        { token: ((await hostToken.json()) as { token: string }).token, meeting: { joinUrl: meeting.joinWebUrl } },
        { origin: appUrl },
      );
      hosts.push(host);
      if (first.type !== 'joined') throw new Error(`the host could not join: ${JSON.stringify(first)}`);
      const admitNext = async () => {
        const waiting = await host.next('lobby.updated', (m) => m.lobby.length > 0, 30_000);
        const at = Date.now();
        host.send({ type: 'lobby.admit', participantIds: waiting.lobby.map((p) => p.id) });
        return at;
      };

      const contexts = await Promise.all(
        shares.map(() => browser.newContext({ permissions: ['camera', 'microphone'] })),
      );
      const [first1, second, third] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page, Page];
      for (const [i, share] of shares.entries()) await signInByMail(contexts[i]!, emu.url, appUrl, share);

      // The first guest gets in (not measured), so the second has someone's video to receive.
      const admittedFirst = admitNext();
      await (await openToPreview(first1, appUrl, shares[0]!)).click();
      await admittedFirst;
      await inCallState(first1, { page: 'call' });

      const t0 = Date.now();
      const joinNow = await openToPreview(second, appUrl, shares[1]!);
      const linkToPreview = Date.now() - t0;
      await joinNow.waitFor({ timeout: 30_000 });
      const early = await joinToLobby(second, joinNow);
      // Admitted only once the browser shows the lobby (an instant admit would skip it).
      const admittedAt = await admitNext();
      await second.waitForFunction(
        async () => {
          const hook = (
            window as unknown as {
              __vestibuleCall?: { stats: () => Promise<Record<string, { videoFramesDecoded: number }>> };
            }
          ).__vestibuleCall;
          if (!hook) return false;
          return Object.values(await hook.stats()).some((s) => s.videoFramesDecoded > 0);
        },
        undefined,
        { timeout: 30_000, polling: 20 },
      );
      const admitToFrame = Date.now() - admittedAt;

      // The third guest clicks once the call's code is in: the network quiet after the preview, and
      // the main thread idle (the bundle compiled and run).
      const thirdQuiet = networkQuiet(third);
      const thirdJoin = await openToPreview(third, appUrl, shares[2]!);
      await thirdQuiet(2000);
      await mainThreadIdle(third);
      const codeIn = await joinToLobby(third, thirdJoin);
      results.push({
        linkToPreview,
        joinToLobby: early.ms,
        joinToLobbyCodeIn: codeIn.ms,
        admitToFrame,
        parts: { early: early.parts, codeIn: codeIn.parts },
      });
      await Promise.all(contexts.map((c) => c.close()));
      host.ws.close(1000);
    }
    await staff.close();
    return results;
  } finally {
    for (const h of hosts) h.ws.terminate();
    await browser.close();
    await app?.stop();
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!args.has('--skip-browser')) {
  const runs = await guestWaits();
  const line = (label: string, key: Exclude<keyof Waits, 'parts'>, budgetMs: number) => {
    const xs = runs.map((r) => r[key]);
    const m = median(xs);
    console.log(
      `${label}: median ${m} ms (runs ${xs.join(', ')} ms), budget ${budgetMs} ms: ${m <= budgetMs ? 'holds' : 'does not hold'}`,
    );
  };
  console.log(`guest waits (Chromium, fake camera, production build, local cloud, ${RUNS} runs):`);
  line('  invitation link → camera preview', 'linkToPreview', 1500);
  line('  Join now → in the lobby, clicked as the preview shows', 'joinToLobby', 1000);
  line('  Join now → in the lobby, clicked once the call code is in', 'joinToLobbyCodeIn', 1000);
  console.log('  where the Join now → lobby waits went (ms after the click, each run):');
  for (const [i, r] of runs.entries()) {
    for (const which of ['early', 'codeIn'] as const)
      console.log(`    run ${i + 1}, ${which}: ${describeParts(r.parts[which])}`);
  }
  line('  admit → first remote decoded frame', 'admitToFrame', 1000);
}
for (const participants of [2, 4, 8]) {
  const r = await runCallingBench({ participants, durationMs: 5000 });
  console.log(
    `calling service, ${participants} participants for ${r.durationMs / 1000} s: CPU ${r.cpuPercentOfOneCore.toFixed(1)}% of one core ` +
      `(${Math.round(r.cpuUserMs + r.cpuSystemMs)} ms), RSS ${r.rssMB.toFixed(0)} MB, heap ${r.heapUsedMB.toFixed(0)} MB, ` +
      `join p50 ${r.joinMs.p50} ms, frames in/out ${r.framesReceived}/${r.framesSent}`,
  );
}
