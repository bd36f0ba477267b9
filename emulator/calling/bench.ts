/**
 * Load benchmark for the calling service: N simulated participants (ws clients, no media) in one
 * meeting exchange state and signalling frames at a realistic rate for a bounded time. Reports the
 * emulator process's CPU time (process.cpuUsage delta over the load phase) and RSS, measured inside
 * the emulator — which runs in a child process so the simulated clients' own work is not counted.
 *
 *   npx tsx emulator/calling/bench.ts [--participants 8] [--seconds 10]
 *
 * or `import { runCallingBench } from '@/emulator/calling/bench'`. Loopback only; nothing persists
 * (the child uses a temporary data directory).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { CommunicationIdentityClient } from '@azure/communication-identity';

import { admin } from '../testing';
import { CallClient, joinFrame } from './client';

export type BenchOptions = {
  /** Simulated participants in the one meeting (1–32; the service's cap is raised to match). */
  participants?: number;
  /** Length of the load phase (capped at 120 s). */
  durationMs?: number;
  /** `state` frames per participant per second (speaking toggles; Teams-like VAD updates). */
  stateHz?: number;
  /** `signal` frames (ICE candidates) per participant per second, to a random peer. */
  signalHz?: number;
};

export type BenchResult = {
  participants: number;
  durationMs: number;
  joinMs: { p50: number; max: number };
  framesSent: number;
  framesReceived: number;
  /** CPU time the emulator process used during the load phase. */
  cpuUserMs: number;
  cpuSystemMs: number;
  /** (user + system) / wall time of the load phase, as a percentage of one core. */
  cpuPercentOfOneCore: number;
  rssMB: number;
  heapUsedMB: number;
};

type Usage = { cpu: NodeJS.CpuUsage; rss: number; heapUsed: number };
type ChildMsg = { type: 'ready'; url: string; connectionString: string } | { type: 'usage'; usage: Usage };

const here = fileURLToPath(import.meta.url);

/** Child side: run an emulator and answer usage requests. */
async function serve(maxParticipants: number): Promise<void> {
  const { startEmulator } = await import('../index');
  const dir = mkdtempSync(join(tmpdir(), 'vestibule-bench-'));
  const emu = await startEmulator({ port: 0, smtpPort: 0, dataDir: dir, quiet: true, calling: { maxParticipants } });
  const stop = () => {
    void emu.close().finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.on('message', (m: { type: string }) => {
    if (m.type === 'usage') {
      const mem = process.memoryUsage();
      process.send!({ type: 'usage', usage: { cpu: process.cpuUsage(), rss: mem.rss, heapUsed: mem.heapUsed } });
    } else if (m.type === 'stop') stop();
  });
  process.on('disconnect', stop);
  process.send!({ type: 'ready', url: emu.url, connectionString: emu.connectionString });
}

function request(child: ChildProcess, type: 'usage'): Promise<Usage> {
  return new Promise((resolve) => {
    const on = (m: ChildMsg) => {
      if (m.type === 'usage') {
        child.off('message', on);
        resolve(m.usage);
      }
    };
    child.on('message', on);
    child.send({ type });
  });
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

export async function runCallingBench(options: BenchOptions = {}): Promise<BenchResult> {
  const n = Math.max(1, Math.min(32, Math.floor(options.participants ?? 8)));
  const durationMs = Math.max(1_000, Math.min(120_000, options.durationMs ?? 10_000));
  const stateHz = options.stateHz ?? 4;
  const signalHz = options.signalHz ?? 2;

  const child = fork(here, ['--serve', String(n)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const clients: CallClient[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    const ready = await new Promise<Extract<ChildMsg, { type: 'ready' }>>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`bench emulator exited (${code})`)));
      child.on('message', (m: ChildMsg) => {
        if (m.type === 'ready') resolve(m);
      });
    });
    const identity = new CommunicationIdentityClient(ready.connectionString, { allowInsecureConnection: true });
    const now = Date.now();
    const meeting = await admin<{ joinWebUrl: string }>(ready, 'POST', '/meetings', {
      organizer: 'adele@contoso.test',
      subject: 'Calling benchmark',
      startDateTime: new Date(now).toISOString(),
      endDateTime: new Date(now + 3_600_000).toISOString(),
      lobbyBypassScope: 'everyone',
    });
    const tokens = await Promise.all(Array.from({ length: n }, () => identity.createUserAndToken(['voip'])));
    const wsUrl = `${ready.url.replace(/^http/, 'ws')}/calling`;

    const joinTimes: number[] = [];
    const ids: string[] = [];
    for (const [i, t] of tokens.entries()) {
      const c = new CallClient(wsUrl);
      clients.push(c);
      await c.opened;
      const t0 = performance.now();
      c.send(
        joinFrame({ token: t.token, meeting: { joinUrl: meeting.body.joinWebUrl }, displayName: `Bench ${i + 1}` }),
      );
      const joined = await c.next('joined', undefined, 10_000);
      joinTimes.push(performance.now() - t0);
      ids.push(joined.self.id);
    }

    let sent = 0;
    const receivedBefore = clients.reduce((s, c) => s + c.received.length, 0);
    const before = await request(child, 'usage');
    const wall0 = performance.now();
    clients.forEach((c, i) => {
      let speaking = false;
      if (stateHz > 0) {
        timers.push(
          setInterval(() => {
            speaking = !speaking;
            c.send({ type: 'state', speaking });
            sent++;
          }, 1000 / stateHz),
        );
      }
      if (signalHz > 0 && n > 1) {
        timers.push(
          setInterval(() => {
            let to = ids[Math.floor(Math.random() * n)]!;
            if (to === ids[i]) to = ids[(i + 1) % n]!;
            c.send({
              type: 'signal',
              to,
              candidate: {
                candidate: `candidate:1 1 udp 2122260223 127.0.0.1 ${50000 + i} typ host`,
                sdpMid: '0',
                sdpMLineIndex: 0,
              },
            });
            sent++;
          }, 1000 / signalHz),
        );
      }
      timers.push(
        setInterval(() => {
          c.send({ type: 'ping' });
          sent++;
        }, 10_000),
      );
    });
    await new Promise((r) => setTimeout(r, durationMs));
    for (const t of timers) clearInterval(t);
    const after = await request(child, 'usage');
    const wall = performance.now() - wall0;
    const userMs = (after.cpu.user - before.cpu.user) / 1000;
    const systemMs = (after.cpu.system - before.cpu.system) / 1000;
    return {
      participants: n,
      durationMs: Math.round(wall),
      joinMs: { p50: Math.round(percentile(joinTimes, 50)), max: Math.round(Math.max(...joinTimes)) },
      framesSent: sent,
      framesReceived: clients.reduce((s, c) => s + c.received.length, 0) - receivedBefore,
      cpuUserMs: Math.round(userMs),
      cpuSystemMs: Math.round(systemMs),
      cpuPercentOfOneCore: Math.round(((userMs + systemMs) / wall) * 1000) / 10,
      rssMB: Math.round((after.rss / 1_048_576) * 10) / 10,
      heapUsedMB: Math.round((after.heapUsed / 1_048_576) * 10) / 10,
    };
  } finally {
    for (const t of timers) clearInterval(t);
    for (const c of clients) c.close();
    if (child.connected) child.send({ type: 'stop' });
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const kill = setTimeout(() => child.kill(), 3_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
    });
  }
}

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : undefined;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain && process.argv.includes('--serve')) {
  void serve(arg('serve') ?? 8);
} else if (isMain) {
  runCallingBench({ participants: arg('participants'), durationMs: (arg('seconds') ?? 10) * 1000 }).then(
    (r) => {
      console.log(
        `calling service, ${r.participants} participants, ${(r.durationMs / 1000).toFixed(1)} s: ` +
          `CPU ${r.cpuUserMs + r.cpuSystemMs} ms (${r.cpuPercentOfOneCore}% of one core), RSS ${r.rssMB} MB, ` +
          `join p50 ${r.joinMs.p50} ms / max ${r.joinMs.max} ms, frames sent ${r.framesSent}, delivered ${r.framesReceived}`,
      );
      console.log(JSON.stringify(r));
    },
    (e: unknown) => {
      console.error('calling bench failed:', e);
      process.exitCode = 1;
    },
  );
}
