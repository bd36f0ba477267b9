import type { FullConfig } from '@playwright/test';
import { SCALE_PORTS } from '../../playwright.scale.config';
import { startCluster } from './cluster';

/**
 * Starts the cluster once for the suite (PostgreSQL comes from scripts/with-postgres.mjs, which
 * `npm run test:scale` wraps around Playwright) and hands its state to the tests via the environment.
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const postgresUrl = process.env.TEST_POSTGRES_URL;
  if (!postgresUrl) {
    throw new Error(
      'The scale-out suite needs PostgreSQL: run it with `npm run test:scale` (scripts/with-postgres.mjs).',
    );
  }
  const { state, stop } = await startCluster(postgresUrl, SCALE_PORTS);
  process.env.SCALE_CLUSTER = JSON.stringify(state);
  return stop;
}
