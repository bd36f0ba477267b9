#!/usr/bin/env node
// Runs a command with a throw-away PostgreSQL server, so the data-layer tests exercise the same
// queries against real PostgreSQL as against SQLite. The server lives in a temp dir, listens only on
// a Unix socket and a loopback port, and is removed afterwards. Without PostgreSQL installed, the
// command still runs and the PostgreSQL tests say they were skipped.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './processes.mjs';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: with-postgres.mjs <command> [args…]');
  process.exit(2);
}

function findPgBin() {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(path.join(root, v, 'bin', 'initdb'))) return path.join(root, v, 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return which.status === 0 ? path.dirname(which.stdout.trim()) : undefined;
}

function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const bin = process.env.TEST_POSTGRES_URL ? undefined : findPgBin();
if (!bin) {
  if (!process.env.TEST_POSTGRES_URL) {
    console.log('PostgreSQL is not installed (no initdb found): PostgreSQL tests will be skipped; SQLite tests run.');
  }
  process.exit(await run(command[0], command.slice(1), {}));
}

// initdb refuses to run as root; CI runs as root, so the cluster belongs to the `postgres` user
// that Debian's package creates.
const asRoot = process.getuid?.() === 0;
const prefix = asRoot ? ['runuser', '-u', 'postgres', '--'] : [];
const dir = mkdtempSync(path.join(tmpdir(), 'vestibule-pg-'));
chmodSync(dir, 0o777);
const dataDir = path.join(dir, 'data');
const port = await freePort();
const exec = (file, args) => {
  const full = [...prefix, path.join(bin, file), ...args];
  execFileSync(full[0], full.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
};

let code = 1;
try {
  exec('initdb', ['-D', dataDir, '-U', 'vestibule', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  exec('pg_ctl', [
    '-D',
    dataDir,
    '-w',
    '-l',
    path.join(dir, 'server.log'),
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    'start',
  ]);
  const url = `postgres://vestibule@127.0.0.1:${port}/postgres`;
  console.log(`PostgreSQL ${path.basename(path.dirname(bin))} started for the tests on 127.0.0.1:${port}`);
  code = await run(command[0], command.slice(1), { TEST_POSTGRES_URL: url });
} catch (error) {
  console.error('Could not start PostgreSQL for the tests:', error instanceof Error ? error.message : error);
} finally {
  try {
    exec('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
  } catch {
    /* already stopped */
  }
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
