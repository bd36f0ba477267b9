import { existsSync } from 'node:fs';

/**
 * A browser that exists on this machine: PLAYWRIGHT_CHROMIUM_PATH, else Debian's Chromium, else
 * undefined for Playwright's own build (`npx playwright install chromium` where it can download).
 */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => Boolean(p && existsSync(p)));
}

/**
 * Headless Chromium as these machines need it (no sandbox as root, no background connections to a
 * closed network), with a fake camera and microphone granted without a prompt. Shared by the
 * journeys and `npm run bench`.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];
