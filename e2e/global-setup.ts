import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type FullConfig } from '@playwright/test';

/** Without a system Chromium, use Playwright's own, installing it where the machine can download it. */
export default function globalSetup(config: FullConfig): void {
  const configured = config.projects[0]?.use.launchOptions?.executablePath;
  if (configured) return;
  if (!existsSync(chromium.executablePath())) execSync('npx playwright install chromium', { stdio: 'inherit' });
}
