#!/usr/bin/env node
// npm run dev — Vestibule in development. In local mode (the default) it starts the emulator of
// Microsoft's cloud first, waits until it is healthy, then starts Next.js and prints where to go.
import { spawn } from 'node:child_process';
import { ConfigError, getConfig } from '../lib/config.js';
import { startProcess, waitForHttp } from './processes.mjs';

// Like `next dev`, read .env when there is one, so this script and the emulator see the same values.
try {
  process.loadEnvFile('.env');
} catch {
  /* no .env: defaults are the local emulator */
}

let config;
try {
  config = getConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

const appUrl = new URL(config.appUrl);
const children = [];
const stopAll = (code) => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
};
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

if (config.cloud === 'local' && config.emulatorUrl) {
  const emulator = new URL(config.emulatorUrl);
  console.log(`Starting the local Microsoft cloud emulator on ${emulator.origin} …`);
  children.push(
    startProcess(
      'emulator',
      'npx',
      ['tsx', 'emulator/main.ts', ...process.argv.slice(2)],
      {
        EMULATOR_PORT: emulator.port || '80',
        EMULATOR_SMTP_PORT: new URL(config.mail.smtpUrl).port,
        EMULATOR_APP_ORIGINS: appUrl.origin,
      },
      () => stopAll(1),
    ),
  );
  try {
    await waitForHttp(`${emulator.origin}/health`, 60_000);
  } catch {
    console.error('The emulator did not become healthy within 60 s; see its output above.');
    stopAll(1);
  }
}

const next = spawn('npx', ['next', 'dev', '--port', appUrl.port || '3000'], { stdio: 'inherit' });
children.push(next);
next.on('exit', (code) => stopAll(code ?? 0));

await waitForHttp(`${appUrl.origin}/api/health`, 120_000, { acceptAnyStatus: true }).catch(() => undefined);
console.log(`\n  Vestibule is running: ${appUrl.origin}\n`);
if (config.cloud === 'local') {
  console.log('  Staff sign-in (dev only): adele@contoso.test / Passw0rd!dev');
  console.log(`  Guest invitations land in the emulator's mailbox: ${config.emulatorUrl}/mailbox\n`);
}
