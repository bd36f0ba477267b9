/**
 * What the benchmark and the load test share: the production app as a child process group they stop
 * completely (its CPU and memory read from /proc), staff sign-in through next-auth without a browser,
 * and the guest's sign-in mail read from the emulator's mailbox.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CookieJar } from '@/emulator/testing';
import { waitForHttp } from './processes.mjs';

const require = createRequire(import.meta.url);
const CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux

export interface ProcessUsage {
  /** CPU time (user + system) of every process in the group so far. */
  cpuMs: number;
  rssMB: number;
}

export interface RunningApp {
  url: string;
  usage(): ProcessUsage;
  stop(): Promise<void>;
}

/**
 * `next start` (the production build in .next/) in its own process group: `next start` serves from
 * a child process, and stopping only the parent is what left `next-server` running after `npm run
 * bench`. stop() ends the whole group and waits until it is gone.
 */
export function startApp(port: number, env: Record<string, string>, nodeArgs: string[] = []): Promise<RunningApp> {
  const next = require.resolve('next/dist/bin/next');
  return startGroup(
    [...nodeArgs, next, 'start', '--port', String(port)],
    env,
    `http://localhost:${port}`,
    '/api/health',
  );
}

/**
 * The emulator in a process of its own, so the load the scripts generate does not share its event
 * loop (with it in-process, the load test measured its own congestion, not the app).
 */
export function startEmulatorProcess(port: number, smtpPort: number, dataDir: string, appOrigin: string) {
  return startGroup(
    ['--import', 'tsx', 'emulator/main.ts'],
    {
      EMULATOR_PORT: String(port),
      EMULATOR_SMTP_PORT: String(smtpPort),
      EMULATOR_DATA_DIR: dataDir,
      EMULATOR_APP_ORIGINS: appOrigin,
      LOG_LEVEL: 'warn',
    },
    `http://localhost:${port}`,
    '/health',
  );
}

async function startGroup(
  args: string[],
  env: Record<string, string>,
  url: string,
  health: string,
): Promise<RunningApp> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const pgid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(-pgid, s);
      } catch {
        /* already gone */
      }
    };
    signal('SIGTERM');
    const killer = setTimeout(() => signal('SIGKILL'), 5000);
    await exited;
    // The group may outlive its leader for a moment: wait until no member is left.
    for (let i = 0; i < 50 && groupPids(pgid).length; i++) await new Promise((r) => setTimeout(r, 100));
    if (groupPids(pgid).length) signal('SIGKILL');
    clearTimeout(killer);
  };
  process.once('exit', () => {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
  });
  try {
    await waitForHttp(`${url}${health}`, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop, usage: () => groupUsage(pgid) };
}

function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = statFields(name);
      if (Number(fields[2]) === pgid) pids.push(Number(name));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

/** /proc/<pid>/stat after the command name (which may contain spaces): fields 3… of proc(5). */
function statFields(pid: string | number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function groupUsage(pgid: number): ProcessUsage {
  let ticks = 0;
  let rssPages = 0;
  for (const pid of groupPids(pgid)) {
    try {
      const f = statFields(pid);
      ticks += Number(f[11]) + Number(f[12]); // utime, stime
      rssPages += Number(f[21]); // rss
    } catch {
      /* exited */
    }
  }
  return { cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_S, rssMB: (rssPages * 4096) / 1024 / 1024 };
}

/**
 * Signs a staff member in to the app as a browser would, through next-auth and the emulator's login
 * page; returns the app's cookie header for later requests.
 */
export async function signInStaff(appUrl: string, user: { upn: string; password: string }): Promise<string> {
  const app = new CookieJar();
  const idp = new CookieJar();
  const go = async (jar: CookieJar, url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), cookie: jar.header(), origin: appUrl },
    });
    jar.store(res);
    return res;
  };
  const csrf = (await (await go(app, `${appUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const started = await go(app, `${appUrl}/api/auth/signin/entra`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: `${appUrl}/portal`, json: 'true' }),
  });
  let location = ((await started.json()) as { url: string }).url;
  const callback = `${appUrl}/api/auth/callback/`;
  let res: Response | undefined;
  // To the emulator's login page…
  while (!location.startsWith(callback)) {
    res = await go(idp, location);
    const next = res.headers.get('location');
    if (!next) break;
    location = new URL(next, location).href;
  }
  if (!location.startsWith(callback)) {
    const html = await res!.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no login form at ${location}`);
    res = await go(idp, new URL(action, location).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: user.upn, password: user.password }),
    });
    location = new URL(res.headers.get('location') ?? '', location).href;
    // …and back to the app.
    while (!location.startsWith(callback)) {
      res = await go(idp, location);
      const next = res.headers.get('location');
      if (!next) throw new Error(`the sign-in stopped at ${location} (HTTP ${res.status})`);
      location = new URL(next, location).href;
    }
  }
  const done = await go(app, location);
  if (done.status !== 302 && done.status !== 307) throw new Error(`next-auth callback answered ${done.status}`);
  return app.header();
}

/** The token of the newest sign-in link mailed to `email`, waiting for the mail up to `timeoutMs`. */
export async function signInLinkToken(emulatorUrl: string, email: string, timeoutMs = 30_000): Promise<string> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const res = await fetch(`${emulatorUrl}/mailbox/messages?to=${encodeURIComponent(email)}`);
    const mails = ((await res.json()) as { value: { links: string[] }[] }).value;
    const link = mails.flatMap((m) => m.links).find((l) => l.includes('/sign-in?token='));
    if (link) return new URL(link).searchParams.get('token')!;
  }
  throw new Error(`no sign-in mail reached ${email}`);
}

/**
 * Sign-in links for many guests at once: one look at the whole mailbox every `intervalMs` while
 * anyone waits, instead of each guest polling for their own mail (300 pollers kept the emulator,
 * and so the measured steps, busy answering them).
 */
export function mailWatcher(emulatorUrl: string, intervalMs = 300) {
  const waiting = new Map<string, (token: string) => void>();
  let running = false;
  const poll = async () => {
    running = true;
    while (waiting.size) {
      const res = await fetch(`${emulatorUrl}/mailbox/messages`);
      const mails = ((await res.json()) as { value: { to: string[]; links: string[] }[] }).value;
      for (const mail of mails) {
        const link = mail.links.find((l) => l.includes('/sign-in?token='));
        if (!link) continue;
        for (const to of mail.to) {
          const resolve = waiting.get(to.toLowerCase());
          if (resolve) {
            waiting.delete(to.toLowerCase());
            resolve(new URL(link).searchParams.get('token')!);
          }
        }
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
    running = false;
  };
  return {
    /** The token of the sign-in link mailed to `email` (the first one seen), within `timeoutMs`. */
    linkToken(email: string, timeoutMs = 30_000): Promise<string> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(email.toLowerCase());
          reject(new Error(`no sign-in mail reached ${email} within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        waiting.set(email.toLowerCase(), (token) => {
          clearTimeout(timer);
          resolve(token);
        });
        if (!running) void poll();
      });
    },
  };
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
