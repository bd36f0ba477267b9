/**
 * npm run bench — the calling figures, measured (not assumed) on this machine:
 *
 *   1. Join to first remote frame: two real Chromium guests with fake cameras in one emulator meeting
 *      through the production build's real flow (invited by the organizer through the staff API,
 *      signed in with the mailed link, the pre-join); the time from the second guest pressing
 *      "Join now" to its first decoded video frame from the first guest. Needs `npm run build`.
 *   2. The emulator calling service's CPU and memory with N simulated participants (no media).
 *
 * Everything runs on loopback, bounded in count and time. `--skip-browser` runs only part 2.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '@/e2e/support/chromium';
import { runCallingBench } from '@/emulator/calling/bench';
import { ADMIN_REQUEST_HEADERS } from '@/emulator/constants';
import { startEmulator } from '@/emulator/index';
import { freePort, waitForHttp } from './processes.mjs';

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
  let link: string | undefined;
  for (const deadline = Date.now() + 30_000; !link; await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > deadline) throw new Error(`no sign-in mail reached ${share.guestEmail}`);
    const res = await fetch(`${emulatorUrl}/mailbox/messages?to=${encodeURIComponent(share.guestEmail)}`);
    const mails = ((await res.json()) as { value: { links: string[] }[] }).value;
    link = mails.flatMap((m) => m.links).find((l) => l.includes('/sign-in?token='));
  }
  const signedIn = await context.request.post(`${appUrl}/api/join/${share.id}/link`, {
    data: { token: new URL(link).searchParams.get('token') },
  });
  if (signedIn.status() !== 200) throw new Error(`signing the guest in failed: HTTP ${signedIn.status()}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function joinToFirstFrame(): Promise<number[]> {
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
  let app: ChildProcess | undefined;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
  });
  try {
    app = spawn('npx', ['next', 'start', '--port', String(appPort)], {
      env: {
        ...process.env,
        VESTIBULE_CLOUD: 'local',
        APP_URL: appUrl,
        DATA_DIR: path.join(dir, 'app'),
        EMULATOR_URL: emu.url,
        EMULATOR_SMTP_PORT: String(emu.smtpPort),
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    await waitForHttp(`${appUrl}/api/health`, 60_000);
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

    const results: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = new Date(Date.now() + 3600_000);
      const meeting = (await (
        await fetch(`${emu.url}/admin/meetings`, {
          method: 'POST',
          headers: ADMIN_REQUEST_HEADERS,
          body: JSON.stringify({
            organizer: organizer.upn,
            subject: `Bench ${run}`,
            startDateTime: start.toISOString(),
            endDateTime: new Date(start.getTime() + 3600_000).toISOString(),
            lobbyBypassScope: 'everyone',
          }),
        })
      ).json()) as { id: string };
      const invited = await staffPage.request.post(`${appUrl}/api/meetings/${encodeURIComponent(meeting.id)}/shares`, {
        data: {
          guests: ['First guest', 'Second guest'].map((name, i) => ({
            name,
            email: `bench.${run}.${i}.${Date.now()}@fabrikam.example`,
          })),
        },
      });
      if (invited.status() !== 201) throw new Error(`inviting the guests failed: HTTP ${invited.status()}`);
      const shares = ((await invited.json()) as { shares: Share[] }).shares;
      const contexts = await Promise.all(
        shares.map(() => browser.newContext({ permissions: ['camera', 'microphone'] })),
      );
      const pages = await Promise.all(contexts.map((c) => c.newPage()));
      const [first, second] = pages as [Page, Page];
      const open = async (context: BrowserContext, page: Page, share: Share) => {
        await signInByMail(context, emu.url, appUrl, share);
        await page.goto(`${appUrl}${share.joinPath}`);
        const joinNow = page.getByRole('button', { name: 'Join now' });
        // Join with the camera on, as in a video meeting: the figure is about the first *video* frame.
        // Ready once the preview plays: the person could press Join now.
        await page.waitForFunction(
          () => {
            const v = document.querySelector<HTMLVideoElement>('video[data-testid="camera-preview"]');
            return !!v && v.videoWidth > 0;
          },
          undefined,
          { timeout: 30_000 },
        );
        await joinNow.waitFor({ timeout: 30_000 });
        return joinNow;
      };
      await (await open(contexts[0]!, first, shares[0]!)).click();
      await first.waitForFunction(
        () =>
          (window as unknown as { __vestibuleCall?: { state: { page: string } } }).__vestibuleCall?.state.page ===
          'call',
        undefined,
        { timeout: 30_000 },
      );
      const join = await open(contexts[1]!, second, shares[1]!);
      const t0 = Date.now();
      await join.click();
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
      results.push(Date.now() - t0);
      await Promise.all(contexts.map((c) => c.close()));
    }
    await staff.close();
    return results;
  } finally {
    await browser.close();
    app?.kill('SIGTERM');
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!args.has('--skip-browser')) {
  const runs = await joinToFirstFrame();
  console.log(
    `join → first remote frame (Chromium, fake camera, ${RUNS} runs): median ${median(runs)} ms, runs ${runs.join(', ')} ms`,
  );
}
for (const participants of [2, 4, 8]) {
  const r = await runCallingBench({ participants, durationMs: 5000 });
  console.log(
    `calling service, ${participants} participants for ${r.durationMs / 1000} s: CPU ${r.cpuPercentOfOneCore.toFixed(1)}% of one core ` +
      `(${Math.round(r.cpuUserMs + r.cpuSystemMs)} ms), RSS ${r.rssMB.toFixed(0)} MB, heap ${r.heapUsedMB.toFixed(0)} MB, ` +
      `join p50 ${r.joinMs.p50} ms, frames in/out ${r.framesReceived}/${r.framesSent}`,
  );
}
