import 'server-only';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { getConfig } from '@/lib/config.js';
import { getDb } from '@/lib/server/db';
import { processSingleton } from '@/lib/server/process-singleton';
import { isDraining } from '@/lib/server/shutdown';

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  /** Short, non-secret reason when not ok: "timed out", "HTTP 503", "connection refused". */
  problem?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  cloud: 'local' | 'azure';
  checks: Record<string, CheckResult>;
}

const TIMEOUT_MS = 3000;

function reason(error: unknown): string {
  if (error instanceof Error) {
    const code =
      (error as { code?: unknown; cause?: { code?: unknown } }).code ??
      (error as { cause?: { code?: unknown } }).cause?.code;
    if (code === 'ECONNREFUSED') return 'connection refused';
    if (code === 'ENOTFOUND') return 'host not found';
    if (error.name === 'TimeoutError' || error.name === 'AbortError' || code === 'ETIMEDOUT') return 'timed out';
  }
  return 'unreachable';
}

async function timed(check: () => Promise<void>): Promise<CheckResult> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) =>
        setTimeout(() => reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), TIMEOUT_MS).unref(),
      ),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      problem: error instanceof HttpProblem ? error.message : reason(error),
    };
  }
}

class HttpProblem extends Error {}

/**
 * Reachability of an HTTP service: any answer below 500 means it is up (an unauthenticated probe of
 * Graph or ACS gets 401/404, which proves the service answers without needing a credential).
 */
async function reachable(url: string, expectOk = false): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual', cache: 'no-store' });
  await res.body?.cancel();
  if (res.status >= 500 || (expectOk && !res.ok)) throw new HttpProblem(`HTTP ${res.status}`);
}

const CACHE_MS = 10_000;
const cache = processSingleton('health-report', () => ({
  at: 0,
  report: undefined as Promise<HealthReport> | undefined,
}));

/**
 * The health report, at most 10 s old: the endpoint is public, and each full check opens connections
 * to every outside service (the SMTP relay included), which callers must not be able to multiply.
 */
export function checkHealth(): Promise<HealthReport> {
  if (!cache.report || Date.now() - cache.at > CACHE_MS) {
    cache.at = Date.now();
    cache.report = runChecks();
  }
  return cache.report;
}

/** Checks the database and every outside service this configuration uses, in parallel. */
async function runChecks(): Promise<HealthReport> {
  const config = getConfig();
  const checks: Record<string, () => Promise<void>> = {
    database: async () => {
      await sql`select 1`.execute(await getDb());
    },
    entra: () => reachable(`${config.entra.issuer}/.well-known/openid-configuration`, true),
    graph: () => reachable(`${config.graph.baseUrl}/${config.graph.version}/me`),
    acs: () => reachable(`${config.acs.endpoint}/`),
    mail: async () => {
      const transport = nodemailer.createTransport(config.mail.smtpUrl, {
        connectionTimeout: TIMEOUT_MS,
        greetingTimeout: TIMEOUT_MS,
      });
      try {
        await transport.verify();
      } finally {
        transport.close();
      }
    },
  };
  if (config.emulatorUrl) {
    const emulator = config.emulatorUrl;
    checks.emulator = () => reachable(`${emulator}/health`, true);
  }
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => timed(checks[name]!)));
  const report = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
  return { status: results.every((r) => r.ok) ? 'ok' : 'degraded', cloud: config.cloud, checks: report };
}

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  /** Why not, when not ready: 'draining' (shutting down) or 'database'. */
  problem?: 'draining' | 'database';
  database: CheckResult;
}

/**
 * Readiness: may a load balancer send this instance work? Only what is particular to the instance
 * counts: the process is not shutting down and its database pool answers. Graph, ACS, Entra and the
 * mail relay are shared by every instance; taking all of them out of rotation when one of those is
 * down would turn a partial outage (sign-in mails late) into a total one, so they stay in the full
 * report (GET /api/health) for monitoring, not here. Never cached: it is cheap, and a probe must see
 * a draining or disconnected instance at once.
 */
export async function checkReadiness(): Promise<ReadinessReport> {
  if (isDraining()) return { status: 'not_ready', problem: 'draining', database: { ok: false, latencyMs: 0 } };
  const database = await timed(async () => {
    await sql`select 1`.execute(await getDb());
  });
  return database.ok ? { status: 'ready', database } : { status: 'not_ready', problem: 'database', database };
}
