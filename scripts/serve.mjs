// The emulator (local mode) and Next.js side by side, for `npm run dev` (next dev) and `npm run demo`
// (next start). Every child runs in its own process group, and stopping stops the groups: `next`
// serves from a child process of its own, and signalling only the parent (or `npx`) left a
// `next-server` behind, still holding the port and writing into `.next/`.
import { ConfigError, getConfig } from '../lib/config.js';
import { startProcess, stopProcessGroup, waitForHttp } from './processes.mjs';

/** @param {'dev' | 'start'} mode */
export async function runVestibule(mode) {
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
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(children.map((child) => stopProcessGroup(child)));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  process.on('SIGHUP', () => void stopAll(0));

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
        (code) => void stopAll(code ?? 1),
      ),
    );
    try {
      await waitForHttp(`${emulator.origin}/health`, 60_000);
    } catch {
      console.error('The emulator did not become healthy within 60 s; see its output above.');
      await stopAll(1);
    }
  }

  const next = startProcess(
    'next',
    'npx',
    ['next', mode, '--port', appUrl.port || '3000'],
    {},
    (code) => void stopAll(code ?? 0),
  );
  children.push(next);

  await waitForHttp(`${appUrl.origin}/api/health`, 180_000, { acceptAnyStatus: true }).catch(() => undefined);
  console.log(`\n  Vestibule is running: ${appUrl.origin}\n`);
  if (config.cloud === 'local') {
    console.log('  Staff sign-in (dev only): adele@contoso.test / Passw0rd!dev');
    console.log(`  Guest invitations land in the emulator's mailbox: ${config.emulatorUrl}/mailbox\n`);
  }
}
