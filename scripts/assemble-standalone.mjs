#!/usr/bin/env node
// Completes Next's standalone output after `next build`: Next leaves out the static assets (.next/static)
// and public/, expecting a CDN or the deployer to copy them. This copies them in, so .next/standalone is
// exactly the directory the container image ships (see Dockerfile) and `npm run start:standalone` runs.
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const standalone = path.join(root, '.next', 'standalone');
if (!existsSync(path.join(standalone, 'server.js'))) {
  console.error("No .next/standalone/server.js: run `next build` first (next.config.js sets output: 'standalone').");
  process.exit(1);
}
for (const [from, to] of [
  [path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static')],
  [path.join(root, 'public'), path.join(standalone, 'public')],
]) {
  rmSync(to, { recursive: true, force: true }); // a previous build's hashed assets must not linger
  cpSync(from, to, { recursive: true });
}
// Local data (SQLite file, session secret) of a run from this directory never belongs in an image.
rmSync(path.join(standalone, 'data'), { recursive: true, force: true });
console.log('Standalone server assembled in .next/standalone (server.js + .next/static + public).');
