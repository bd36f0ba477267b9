import { createServer, type Server } from 'node:http';

import pino from 'pino';
import type { SMTPServer } from 'smtp-server';

import { setActiveAcsVerifier } from './acs';
import { createAcsHandler, isAcsPath } from './acs/router';
import { createAcsTokenVerifier, type AcsTokenVerification } from './acs/tokens';
import { createAdminHandler } from './admin/router';
import { CallingService, type CallingOptions } from './calling/service';
import { loadConfig } from './config';
import { DEV_ONLY_ACS_ACCESS_KEY, DEV_PASSWORD, connectionString } from './constants';
import type { EmulatorContext } from './context';
import { Faults } from './faults';
import { createGraphHandler } from './graph/router';
import { sendJson } from './http';
import { loadSigningKey } from './keys';
import { createMailHandler } from './mail/router';
import { createSmtpServer } from './mail/smtp';
import { createOidcHandler } from './oidc/router';
import { createProvider } from './oidc/provider';
import { createRequestListener, createUpgradeListener, prefixMatcher, type Surface } from './server';
import { clearState, openDb } from './store/db';
import { SEED_USERS, seedIfEmpty } from './store/seed';

export type StartOptions = {
  port?: number;
  smtpPort?: number;
  dataDir?: string;
  reset?: boolean;
  appOrigins?: string[];
  accessKey?: string;
  quiet?: boolean;
  /** Calling service tuning (tests use short grace periods). */
  calling?: CallingOptions;
};

export type RunningEmulator = {
  url: string;
  smtpPort: number;
  connectionString: string;
  verifyAcsToken(token: string): Promise<AcsTokenVerification>;
  close(): Promise<void>;
};

/** Listens on 127.0.0.1 and, best effort, on ::1 with the same port, so `localhost` works either way. */
async function listenLoopback(
  make: () => Server | SMTPServer,
  port: number,
): Promise<{ port: number; servers: Array<Server | SMTPServer> }> {
  const listen = (s: Server | SMTPServer, host: string, p: number) =>
    new Promise<number>((resolve, reject) => {
      const srv: Server = 'server' in s ? (s as unknown as { server: Server }).server : s;
      const onError = (e: Error) => reject(e);
      srv.once('error', onError);
      s.listen(p, host, () => {
        srv.off('error', onError);
        const addr = srv.address();
        resolve(typeof addr === 'object' && addr ? addr.port : p);
      });
    });
  const v4 = make();
  const actual = await listen(v4, '127.0.0.1', port);
  const servers: Array<Server | SMTPServer> = [v4];
  const v6 = make();
  try {
    await listen(v6, '::1', actual);
    servers.push(v6);
  } catch {
    // No IPv6 loopback here: 127.0.0.1 is enough.
  }
  return { port: actual, servers };
}

export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const config = loadConfig();
  const quiet = options.quiet ?? false;
  const log = pino({ name: 'emulator', level: quiet ? 'silent' : 'info' });
  const db = openDb(options.dataDir ?? config.dataDir, options.reset ?? false);
  seedIfEmpty(db);
  const keys = { oidc: loadSigningKey(db, 'oidc'), acs: loadSigningKey(db, 'acs') };
  const faults = new Faults();

  const env: EmulatorContext = {
    db,
    log,
    origin: '',
    smtpPort: 0,
    accessKey: options.accessKey ?? config.accessKey,
    appOrigins: (options.appOrigins ?? config.appOrigins).map((o) => o.replace(/\/+$/, '')),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    keys,
    faults,
    verifyAcsToken: createAcsTokenVerifier(db, keys.acs),
    reset() {
      clearState(db);
      seedIfEmpty(db);
      faults.clear();
    },
  };

  const surfaces: Surface[] = [];
  const onRequest = createRequestListener(env, surfaces);
  const onUpgrade = createUpgradeListener(env, surfaces);
  const makeHttp = () => {
    const s = createServer((req, res) => void onRequest(req, res));
    s.on('upgrade', onUpgrade);
    return s;
  };

  const http = await listenLoopback(makeHttp, options.port ?? config.port);
  env.origin = `http://localhost:${http.port}`;
  let smtp: { port: number; servers: Array<Server | SMTPServer> };
  try {
    smtp = await listenLoopback(() => createSmtpServer(env), options.smtpPort ?? config.smtpPort);
  } catch (e) {
    await Promise.all(http.servers.map((s) => new Promise((r) => (s as Server).close(r))));
    db.close();
    throw e;
  }
  env.smtpPort = smtp.port;

  const provider = createProvider(env);
  const calling = new CallingService(
    { db, verifyAcsToken: env.verifyAcsToken, log, appOrigins: env.appOrigins },
    { lobbyTimeoutMs: config.lobbyTimeoutMs, ...options.calling },
  );
  const health = {
    name: 'health' as const,
    match: (p: string) => (p === '/health' ? '/' : undefined),
    handle: (ctx: Parameters<Surface['handle']>[0]) => {
      const up = (ok: boolean) => (ok ? 'up' : 'down');
      const mailUp = smtp.servers.length > 0;
      const body = {
        status: mailUp ? 'ok' : 'degraded',
        surfaces: { oidc: up(true), graph: up(true), acs: up(true), mail: up(mailUp), calling: up(true) },
      };
      sendJson(ctx.res, mailUp ? 200 : 503, body);
      return Promise.resolve();
    },
  };
  surfaces.push(
    health,
    {
      name: 'admin',
      match: prefixMatcher('/admin'),
      handle: createAdminHandler(env, {
        listCalls: () => calling.list(),
        dropConnection: (id) => calling.dropConnection(id),
        setCompliance: (meetingId, kind, active) => calling.setCompliance(meetingId, kind, active),
      }),
    },
    { name: 'oidc', match: prefixMatcher('/oidc'), handle: createOidcHandler(env, provider) },
    { name: 'graph', match: prefixMatcher('/graph'), handle: createGraphHandler(env) },
    { name: 'mail', match: prefixMatcher('/mailbox'), handle: createMailHandler(env) },
    { name: 'acs', match: (p) => (isAcsPath(p) ? p : undefined), handle: createAcsHandler(env) },
    {
      name: 'calling',
      match: prefixMatcher('/calling'),
      handle: (ctx) => {
        sendJson(
          ctx.res,
          426,
          { error: { code: 'UpgradeRequired', message: 'The calling service speaks WebSocket.' } },
          { upgrade: 'websocket' },
        );
        return Promise.resolve();
      },
      upgrade: (req, socket, head, path) => calling.upgrade(req, socket, head, path),
    },
  );
  setActiveAcsVerifier(env.verifyAcsToken);

  const cs = connectionString(env.origin, env.accessKey);
  if (!quiet) {
    console.log(`Emulator ready: ${env.origin} (SMTP localhost:${smtp.port})`);
    console.log(
      `  ACS connection string${env.accessKey === DEV_ONLY_ACS_ACCESS_KEY ? ' (well-known dev key)' : ''}: ${cs}`,
    );
    console.log(`  OIDC issuer: ${env.origin}/oidc · client ${env.clientId}`);
    console.log(`  Seeded users (dev-only password "${DEV_PASSWORD}"): ${SEED_USERS.map((u) => u.upn).join(', ')}`);
  }

  let closed = false;
  return {
    url: env.origin,
    smtpPort: smtp.port,
    connectionString: cs,
    verifyAcsToken: env.verifyAcsToken,
    async close() {
      if (closed) return;
      closed = true;
      setActiveAcsVerifier(undefined);
      // Calling first: its sockets get 1012 (service restart) before the HTTP servers go away.
      await calling.close();
      await Promise.all([
        ...http.servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              const srv = s as Server;
              srv.close(() => resolve());
              srv.closeAllConnections();
            }),
        ),
        ...smtp.servers.map((s) => new Promise<void>((resolve) => (s as SMTPServer).close(() => resolve()))),
      ]);
      db.close();
    },
  };
}

export { verifyAcsToken } from './acs';
