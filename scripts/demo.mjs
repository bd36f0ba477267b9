#!/usr/bin/env node
// npm run demo — the quickest way to try Vestibule: the production build (built once, and again
// only when the sources changed since) served by `next start`, with the local emulator of Microsoft's
// cloud beside it. A production page loads in a fraction of a second where the dev server first
// compiles each page for tens of seconds. For development (hot reload), use `npm run dev`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { runToEnd } from './processes.mjs';
import { runVestibule } from './serve.mjs';

const SOURCES = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.js',
  'package.json',
];

/** Newest modification time under `entry` (a file or a directory), in ms. */
function newest(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, name)));
  return latest;
}

const buildId = path.join('.next', 'BUILD_ID');
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
if (builtAt < Math.max(...SOURCES.map(newest))) {
  console.log(builtAt ? 'The sources changed since the last build; building again …' : 'Building Vestibule once …');
  const code = await runToEnd('npx', ['next', 'build']);
  if (code !== 0) process.exit(code ?? 1);
}
await runVestibule('start');
