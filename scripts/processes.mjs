// Small helpers for scripts that start Vestibule's processes (dev and e2e).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Starts a child, in a process group of its own, whose output is prefixed with its name; `onExit`
 * runs if it stops on its own. Stop it with stopProcessGroup, which reaches its own children too.
 */
export function startProcess(name, command, args, env, onExit) {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
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

/**
 * Stops a child started by startProcess and everything it started (its process group): SIGTERM,
 * then SIGKILL after `graceMs`. Resolves once the child has exited.
 * @param {import('node:child_process').ChildProcess} child
 */
export async function stopProcessGroup(child, graceMs = 5000) {
  if (child.pid === undefined) return;
  const signal = (s) => {
    try {
      process.kill(-child.pid, s);
    } catch {
      /* the group is gone */
    }
  };
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => child.once('exit', resolve));
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  // The leader may exit before its children: give the rest of the group the same grace.
  await new Promise((resolve) => setTimeout(resolve, 200));
  signal('SIGKILL');
  clearTimeout(timer);
}

/**
 * Runs a command to its end with inherited output; resolves with its exit code.
 * @returns {Promise<number | null>}
 */
export function runToEnd(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code));
  });
}
