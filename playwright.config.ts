import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './e2e/support/chromium';

/**
 * Journeys run against the production build (`npm run build` first) and the emulator, in real
 * Chromium with a fake camera and microphone. Ports differ from `npm run dev`'s so both can run;
 * E2E_PORT_OFFSET moves all three so two checkouts can run their journeys side by side. Servers are
 * always started here, never reused: a stale build on a busy port must fail the run, not pass it.
 */
const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
const APP_PORT = 3100 + PORT_OFFSET;
const EMULATOR_PORT = 4110 + PORT_OFFSET;
const SMTP_PORT = 2625 + PORT_OFFSET;
// The scale-out suite (playwright.scale.config.ts) runs the same journey helpers against its own
// proxy and emulator: it names them here, before any helper reads these.
export const APP_URL = process.env.E2E_APP_URL ?? `http://localhost:${APP_PORT}`;
export const EMULATOR_URL = process.env.E2E_EMULATOR_URL ?? `http://localhost:${EMULATOR_PORT}`;

const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  // The scale-out suite has its own cluster and config (playwright.scale.config.ts, npm run test:scale).
  testIgnore: 'scale/**',
  fullyParallel: false,
  // Two cores: journeys with several browsers each run one at a time.
  workers: 1,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: isCI ? [['list'], ['html', { open: 'never' }]] : 'list',
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
    permissions: ['camera', 'microphone'],
  },
  webServer: [
    {
      command: 'npx tsx emulator/main.ts --reset',
      url: `${EMULATOR_URL}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      env: {
        EMULATOR_PORT: String(EMULATOR_PORT),
        EMULATOR_SMTP_PORT: String(SMTP_PORT),
        EMULATOR_DATA_DIR: 'data/e2e-emulator',
        EMULATOR_APP_ORIGINS: APP_URL,
        // Short enough for e2e/call-ends.spec.ts to see the lobby let a guest go; long enough for
        // every journey that admits someone on a busy machine.
        EMULATOR_LOBBY_TIMEOUT_MS: '40000',
      },
    },
    {
      // A fresh database for every run; the production server exactly as the container image runs it
      // (`npm run start:standalone`, Next's standalone output assembled by `npm run build`).
      command: `rm -rf data/e2e && npm run start:standalone`,
      url: `${APP_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      env: {
        VESTIBULE_CLOUD: 'local',
        NODE_ENV: 'production',
        APP_URL,
        PORT: String(APP_PORT),
        HOSTNAME: 'localhost',
        // Absolute: the standalone server changes into its own directory before it reads this.
        DATA_DIR: path.resolve('data/e2e'),
        EMULATOR_URL,
        EMULATOR_SMTP_PORT: String(SMTP_PORT),
        LOG_LEVEL: 'warn',
        // Every journey's guests come from one loopback address: as for a partner's NAT, that address
        // gets more sign-ins (the per-invitation limits stay, and unit tests prove the per-client one).
        GUEST_CLIENT_LIMIT_FACTOR: '20',
      },
    },
  ],
});
