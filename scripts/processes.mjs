// Small helpers for scripts that start Vestibule's processes (dev and e2e).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Starts a child whose output is prefixed with its name; `onExit` runs if it stops on its own. */
export function startProcess(name, command, args, env, onExit) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (stream, out) =>
    stream.on('data', (chunk) => {
      for (const line of String(chunk).split('\n')) if (line) out.write(`[${name}] ${line}\n`);
    });
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code) => {
    if (code !== null && code !== 0) console.error(`[${name}] exited with code ${code}`);
    onExit?.(code);
  });
  return child;
}

/**
 * Resolves once `url` answers 2xx (or anything, with acceptAnyStatus); rejects after `timeoutMs`.
 * @param {string} url
 * @param {number} timeoutMs
 * @param {{ acceptAnyStatus?: boolean }} [options]
 * @returns {Promise<void>}
 */
export async function waitForHttp(url, timeoutMs, { acceptAnyStatus = false } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.body?.cancel();
      if (acceptAnyStatus || res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * A TCP port on loopback that nothing listens on right now.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.on('error', reject);
  });
}
