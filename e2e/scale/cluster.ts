import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * The scale-out cluster on loopback: the emulator, two Vestibule instances started with the image's
 * entry command (`npm run start:standalone`) on one PostgreSQL database, and nginx from Debian in
 * front of them, round-robin. Each process logs to a file in the cluster's directory (shown when
 * the suite fails), and nginx logs which instance answered every request.
 */
export interface ClusterPorts {
  proxy: number;
  emulator: number;
  smtp: number;
  instances: [number, number];
}

export interface Instance {
  name: string;
  port: number;
  /** The process group of `npm run start:standalone` (npm and the node server it starts). */
  pgid: number;
}

export interface ClusterState {
  proxyUrl: string;
  emulatorUrl: string;
  instances: Instance[];
  accessLog: string;
  dir: string;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

function findNginx(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) {
    if (spawnSync(candidate, ['-v']).status === 0) return candidate;
  }
  throw new Error('nginx is not installed: `apt-get install -y nginx` (Debian), as .ci/run does.');
}

async function waitFor(url: string, timeoutMs: number, what: string, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited (code ${child.exitCode}) before it was up`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms`);
}

function start(dir: string, name: string, command: string, args: string[], env: Record<string, string>) {
  const log = createWriteStream(path.join(dir, `${name}.log`));
  // Its own process group, so stopping it stops npm and the server npm started, nothing else.
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return child;
}

/** Ends a process group; quietly, if it has ended already. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

function nginxConfig(dir: string, ports: ClusterPorts): string {
  const temp = (name: string) => path.join(dir, 'nginx-temp', name);
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 512; }
http {
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  # Which instance answered each request; a retried request lists both ("A, B").
  log_format scale '$upstream_addr|$upstream_status|$status|$request_method $uri';
  access_log ${dir}/access.log scale;
  upstream vestibule {
    # Round-robin. An instance that refuses a connection is skipped for 10 s.
    server 127.0.0.1:${ports.instances[0]} max_fails=1 fail_timeout=10s;
    server 127.0.0.1:${ports.instances[1]} max_fails=1 fail_timeout=10s;
  }
  server {
    listen 127.0.0.1:${ports.proxy};
    location / {
      proxy_pass http://vestibule;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # nginx's default: a request that could not reach an instance (refused, reset before an answer)
      # goes to the other one; a POST only if it was never sent, so nothing runs twice.
      proxy_next_upstream error timeout;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

/** Starts everything; returns the state the tests read and a function that stops it all. */
export async function startCluster(
  postgresUrl: string,
  ports: ClusterPorts,
): Promise<{ state: ClusterState; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vestibule-scale-'));
  const groups: number[] = [];
  let nginx: ChildProcess | undefined;
  const admin = new pg.Client({ connectionString: postgresUrl });
  const database = `vestibule_scale_${randomBytes(6).toString('hex')}`;
  const stop = async () => {
    nginx?.kill('SIGQUIT');
    for (const pgid of groups) killGroup(pgid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    for (const pgid of groups) killGroup(pgid, 'SIGKILL');
    await admin.query(`drop database if exists ${database} with (force)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    if (!process.env.SCALE_KEEP_LOGS) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await admin.connect();
    await admin.query(`create database ${database}`);
    const databaseUrl = new URL(postgresUrl);
    databaseUrl.pathname = `/${database}`;

    const proxyUrl = `http://localhost:${ports.proxy}`;
    const emulatorUrl = `http://localhost:${ports.emulator}`;
    const emulator = start(dir, 'emulator', 'npx', ['tsx', 'emulator/main.ts', '--reset'], {
      EMULATOR_PORT: String(ports.emulator),
      EMULATOR_SMTP_PORT: String(ports.smtp),
      EMULATOR_DATA_DIR: path.join(dir, 'emulator-data'),
      EMULATOR_APP_ORIGINS: proxyUrl,
      EMULATOR_LOBBY_TIMEOUT_MS: '40000',
    });
    groups.push(emulator.pid!);

    // Both at once, as a scaled-out deployment starts: they migrate the one fresh database together.
    const sessionSecret = randomBytes(48).toString('base64url');
    const instances = ports.instances.map((port, i) => {
      const name = `app-${'ab'[i]}`;
      const child = start(dir, name, 'npm', ['run', 'start:standalone'], {
        VESTIBULE_CLOUD: 'local',
        NODE_ENV: 'production',
        APP_URL: proxyUrl,
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        DATABASE_URL: databaseUrl.toString(),
        // One secret for the deployment (as in production, from Key Vault); each its own data dir,
        // so nothing can be shared through local files.
        SESSION_SECRET: sessionSecret,
        DATA_DIR: path.join(dir, `${name}-data`),
        EMULATOR_URL: emulatorUrl,
        EMULATOR_SMTP_PORT: String(ports.smtp),
        LOG_LEVEL: 'warn',
        GUEST_CLIENT_LIMIT_FACTOR: '20',
        // nginx is the one proxy in front; it appends the client to X-Forwarded-For.
        TRUSTED_PROXY_HOPS: '1',
      });
      groups.push(child.pid!);
      return { name, port, pgid: child.pid!, child };
    });
    await waitFor(`${emulatorUrl}/health`, 60_000, 'the emulator', emulator);
    await Promise.all(
      instances.map((i) => waitFor(`http://127.0.0.1:${i.port}/api/health/ready`, 120_000, i.name, i.child)),
    );

    // nginx's workers run as an unprivileged user when started as root (CI): they buffer large
    // responses in the temp directory, so it must be theirs to write.
    chmodSync(dir, 0o755);
    mkdirSync(path.join(dir, 'nginx-temp'), { recursive: true, mode: 0o777 });
    chmodSync(path.join(dir, 'nginx-temp'), 0o777);
    const conf = path.join(dir, 'nginx.conf');
    writeFileSync(conf, nginxConfig(dir, ports));
    // -e: the error log from the first moment (before the config is read, nginx would try /var/log).
    nginx = spawn(findNginx(), ['-c', conf, '-p', dir, '-e', path.join(dir, 'nginx-error.log')], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitFor(`${proxyUrl}/api/health/live`, 20_000, 'nginx', nginx);

    return {
      state: {
        proxyUrl,
        emulatorUrl,
        instances: instances.map(({ name, port, pgid }) => ({ name, port, pgid })),
        accessLog: path.join(dir, 'access.log'),
        dir,
      },
      stop,
    };
  } catch (error) {
    for (const name of ['emulator', 'app-a', 'app-b', 'nginx-error']) {
      try {
        console.error(`── ${name} ──\n${readFileSync(path.join(dir, `${name}.log`), 'utf8').slice(-4000)}`);
      } catch {
        /* no log */
      }
    }
    await stop();
    throw error;
  }
}
