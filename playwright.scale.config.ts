import { defineConfig } from '@playwright/test';
import type { ClusterPorts } from './e2e/scale/cluster';
import { CHROMIUM_ARGS, chromiumPath } from './e2e/support/chromium';

/**
 * The scale-out suite (`npm run test:scale`, part of `npm test`): the staff and guest journeys through
 * nginx in front of two app instances on one PostgreSQL database, one instance killed mid-journey.
 * Needs `npm run build` first (the instances run the standalone server, as the image does), nginx and
 * PostgreSQL from Debian. Its ports are its own (E2E_PORT_OFFSET moves them, as for the journeys).
 */
const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const SCALE_PORTS: ClusterPorts = {
  proxy: 3200 + PORT_OFFSET,
  emulator: 4200 + PORT_OFFSET,
  smtp: 2700 + PORT_OFFSET,
  instances: [3300 + PORT_OFFSET, 3400 + PORT_OFFSET],
};
const PROXY_URL = `http://localhost:${SCALE_PORTS.proxy}`;
// The journeys' helpers (e2e/support) read the app and emulator URLs from playwright.config.ts,
// which takes these when set; workers inherit them.
process.env.E2E_APP_URL = PROXY_URL;
process.env.E2E_EMULATOR_URL = `http://localhost:${SCALE_PORTS.emulator}`;

const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e/scale',
  fullyParallel: false,
  workers: 1,
  forbidOnly: isCI,
  // No retries: a test that kills an instance cannot be rerun against the same cluster.
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  globalSetup: './e2e/scale/global-setup.ts',
  use: {
    baseURL: PROXY_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    permissions: ['camera', 'microphone'],
  },
});
