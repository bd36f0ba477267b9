/**
 * npm run bench — the calling figures, measured (not assumed) on this machine:
 *
 *   1. Join to first remote frame: two real Chromium guests with fake cameras in one emulator meeting
 *      through the production build's CallComposite; the time from the second guest pressing
 *      "Start call" to its first decoded video frame from the first guest. Needs `npm run build:e2e`.
 *   2. The emulator calling service's CPU and memory with N simulated participants (no media).
 *
 * Everything runs on loopback, bounded in count and time. `--skip-browser` runs only part 2.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '@/e2e/support/chromium';
import { runCallingBench } from '@/emulator/calling/bench';
import { ADMIN_REQUEST_HEADERS } from '@/emulator/constants';
import { startEmulator } from '@/emulator/index';
import { freePort, waitForHttp } from './processes.mjs';

const args = new Set(process.argv.slice(2));
const RUNS = 3;

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
        VESTIBULE_DEV_PAGES: 'true',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    await waitForHttp(`${appUrl}/api/health`, 60_000);
    const organizer = (await (
      await fetch(`${emu.url}/admin/users`, {
        method: 'POST',
        headers: ADMIN_REQUEST_HEADERS,
        body: JSON.stringify({
          displayName: 'Bench Organizer',
          upn: `bench-${Date.now()}@contoso.test`,
          password: 'bench-only',
        }),
      })
    ).json()) as { upn: string };
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
      ).json()) as { joinWebUrl: string };
      const contexts = await Promise.all(
        [0, 1].map(() => browser.newContext({ permissions: ['camera', 'microphone'] })),
      );
      const pages = await Promise.all(contexts.map((c) => c.newPage()));
      const [first, second] = pages as [Page, Page];
      const open = async (page: Page, name: string) => {
        await page.goto(
          `${appUrl}/dev/call?${new URLSearchParams({ link: meeting.joinWebUrl, name, as: 'guest' }).toString()}`,
        );
        const startButton = page.getByRole('button', { name: /start call|join call/i });
        // Enabled once the composite has device access and a microphone: the person could press it now.
        for (const deadline = Date.now() + 30_000; !(await startButton.isEnabled().catch(() => false));) {
          if (Date.now() > deadline) throw new Error('the Start call button never became enabled');
          await new Promise((r) => setTimeout(r, 50));
        }
        // Join with the camera on, as in a video meeting: the figure is about the first *video* frame.
        const localVideo = page.locator('video[data-local="true"]');
        if ((await localVideo.count()) === 0) await page.getByRole('button', { name: 'Camera' }).first().click();
        await localVideo.first().waitFor({ timeout: 30_000 });
        return startButton;
      };
      await (await open(first, 'First guest')).click();
      await first.waitForFunction(
        () =>
          (window as unknown as { __vestibuleCall?: { state: { page: string } } }).__vestibuleCall?.state.page ===
          'call',
        undefined,
        { timeout: 30_000 },
      );
      const join = await open(second, 'Second guest');
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
