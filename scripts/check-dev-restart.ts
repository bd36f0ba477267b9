// npm run check:dev-restart — proves that restarting `npm run dev` leaves an open page alone (issue
// #13: after a restart every page reloaded itself about twice a second, "HMR hash mismatch").
//
// It starts `npm run dev` (scripts/dev.mjs: emulator + next dev) on free ports with a throwaway data
// directory, opens /signin in headless Chromium, stops dev, starts it again and then watches the same
// page for --watch seconds (default 60): every document the page loads and every "HMR hash mismatch"
// the dev server sends over its HMR WebSocket is counted. One reload right after the restart is
// Next's own (the page sees a new server session and reloads once); more fails the check.
// It stops everything it started, also when it fails.
//
//   npm run check:dev-restart -- [--watch 60] [--keep-cache] [--edit-while-stopped] [--data-dir DIR]
//   --keep-cache: leave .next/dev as it is (default: delete it first, so the first start is a
//                 fresh machine's and the second a restart's).
//   --data-dir: the app's data directory (default: a throwaway one; `data` is what npm run dev uses).
//   --edit-while-stopped: change a source file the page uses while dev is down (a pull or a branch
//                 switch between runs), restored afterwards.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { CHROMIUM_ARGS, chromiumPath } from '@/e2e/support/chromium';
import { freePort, startProcess, stopProcessGroup, waitForHttp } from './processes.mjs';

const { values: args } = parseArgs({
  options: {
    watch: { type: 'string', default: '60' },
    'keep-cache': { type: 'boolean', default: false },
    'edit-while-stopped': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});
const WATCH_S = Number(args.watch);
/** Next's reload on seeing a new server session; anything past this is a loop. */
const RELOADS_ALLOWED = 1;

const dataDir = mkdtempSync(path.join(tmpdir(), 'vestibule-dev-restart-'));
const [appPort, emuPort, smtpPort] = [await freePort(), await freePort(), await freePort()];
const appUrl = `http://localhost:${appPort}`;
const env = {
  VESTIBULE_CLOUD: 'local',
  APP_URL: appUrl,
  EMULATOR_URL: `http://localhost:${emuPort}`,
  EMULATOR_SMTP_PORT: String(smtpPort),
  DATA_DIR: args['data-dir'] ?? dataDir,
  LOG_LEVEL: 'warn',
};
if (!args['keep-cache']) rmSync('.next/dev', { recursive: true, force: true });

let dev: ChildProcess | undefined;
let browser: Browser | undefined;
const since = Date.now();
const stamp = () => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function startDev(label: string) {
  const t0 = Date.now();
  // scripts/dev.mjs stops its own children (each in a group of its own) on SIGTERM.
  dev = startProcess('dev', 'node', ['scripts/dev.mjs'], env);
  await waitForHttp(`${appUrl}/api/health`, 240_000, { acceptAnyStatus: true });
  console.log(`[check] ${label}: healthy after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function stopDev() {
  if (dev) await stopProcessGroup(dev, 20_000);
  dev = undefined;
}

/** A file every page renders through. */
const EDITED = 'app/layout.tsx';
let original: string | undefined;
let failed = true;
try {
  await startDev('first start');
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const events: { at: number; kind: 'navigation' | 'hash mismatch'; detail?: string }[] = [];
  // A new document, not framenavigated: the app router's history.replaceState fires that too.
  page.on('domcontentloaded', () => events.push({ at: Date.now(), kind: 'navigation', detail: page.url() }));
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      const text = String(payload);
      if (text.includes('HMR hash mismatch')) events.push({ at: Date.now(), kind: 'hash mismatch' });
      // Any other reason the server gives a page to reload, to tell the reloads apart.
      else if (text.includes('"reloadPage"'))
        console.log(`[check] ${stamp()} the server tells the page to reload: ${text}`);
    });
  });
  page.on('console', (message) => {
    if (/HMR|reload|Fast Refresh/i.test(message.text()))
      console.log(`[check] ${stamp()} page console: ${message.text()}`);
  });
  const t0 = Date.now();
  await page.goto(`${appUrl}/signin`, { timeout: 240_000 });
  await page.getByRole('button').first().waitFor({ timeout: 240_000 });
  console.log(`[check] /signin shown after ${((Date.now() - t0) / 1000).toFixed(1)} s (first compile)`);
  await page.waitForTimeout(5000);

  await stopDev();
  console.log(`[check] ${stamp()} dev stopped; starting it again`);
  if (args['edit-while-stopped']) {
    original = readFileSync(EDITED, 'utf8');
    writeFileSync(EDITED, `${original}\n// edited while dev was stopped (check-dev-restart)\n`);
  }
  await startDev('restart');
  // A restart slower than the page's reconnection attempts (about 40 s) leaves it on Chromium's
  // error page after its last try; a person would reload it, so does this.
  if (page.url().startsWith('chrome-error:')) await page.goto(`${appUrl}/signin`, { timeout: 240_000 });
  const restartedAt = Date.now();
  await page.waitForTimeout(WATCH_S * 1000);

  const after = events.filter((e) => e.at >= restartedAt);
  const reloads = after.filter((e) => e.kind === 'navigation').length;
  const mismatches = after.filter((e) => e.kind === 'hash mismatch').length;
  const shown = await page
    .getByRole('button')
    .first()
    .isVisible()
    .catch(() => false);
  for (const e of after)
    console.log(`[check] +${((e.at - restartedAt) / 1000).toFixed(1)} s: ${e.kind} ${e.detail ?? ''}`);
  console.log(
    `[check] ${WATCH_S} s after the restart: ${reloads} reload(s), ${mismatches} "HMR hash mismatch", page usable: ${shown}`,
  );
  failed = reloads > RELOADS_ALLOWED || mismatches > 0 || !shown;
  console.log(failed ? '[check] FAILED: the page reloads itself after a dev restart' : '[check] passed');
} catch (error) {
  console.error('[check] error:', error);
} finally {
  if (original !== undefined) writeFileSync(EDITED, original);
  await browser?.close();
  await stopDev();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
