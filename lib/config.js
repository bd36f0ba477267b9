// @ts-check
/**
 * The one place that reads `process.env`. Everything else imports `config` (server code) and gets a
 * typed, validated object. `next.config.js` loads it too, so a bad value stops `dev`, `build` and
 * `start` before anything is served, with one message that names every bad variable.
 *
 * Plain JavaScript (with JSDoc types) because `next.config.js` must be able to import it without a
 * TypeScript loader; TypeScript still infers the full type from the zod schema.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { contrast, isHexColor, MIN_CONTRAST_ON_WHITE } from './brand/color.js';

/**
 * Well-known values of the local emulator, like Azurite's well-known account key. They are public,
 * give access to nothing but a process on this machine, and are refused in `azure` mode.
 *
 * `accessKey` mirrors `DEV_ONLY_ACS_ACCESS_KEY` of `emulator/constants.ts`, the one real copy. It is
 * repeated here because this file is plain JavaScript loaded by `next.config.js` without a TypeScript
 * loader, and because the app never imports emulator code; `emulator/dev-constants.test.ts` fails if
 * the two ever differ.
 */
export const EMULATOR_DEFAULTS = Object.freeze({
  url: 'http://localhost:4010',
  smtpPort: 2525,
  tenantId: '0f557ec4-039c-4796-b8e6-5e36072d90bc',
  clientId: 'vestibule-local-dev',
  clientSecret: 'vestibule-local-dev-secret-not-for-production',
  accessKey: 'efP7tM34615CH+RrIJ8/kuSrgOAKzW6ZanKF9XOTy53hBcSbpPQrcVksWjwrNBpnCU+uPTE4HVEn5VFz34CdCg==',
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An empty string in an env file means "not set", as it does for most tools.
 * @template {z.ZodType} T
 * @param {T} schema
 */
const optional = (schema) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const httpUrl = (/** @type {string} */ hint) =>
  z
    .string()
    .url({ message: `must be a URL, like ${hint}` })
    .refine((v) => /^https?:\/\//.test(v), { message: `must start with http:// or https://, like ${hint}` })
    .transform((v) => v.replace(/\/+$/, ''));

const connectionString = z.string().regex(/^endpoint=https?:\/\/[^;]+;accesskey=[A-Za-z0-9+/=]+$/i, {
  message: 'must look like endpoint=https://<resource>.communication.azure.com/;accesskey=<base64 key>',
});

const rawSchema = z.object({
  VESTIBULE_CLOUD: z.enum(['local', 'azure'], { message: "must be 'local' or 'azure'" }).default('local'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  APP_URL: optional(httpUrl('https://meet.contoso.com')),
  SESSION_SECRET: optional(z.string().min(32, { message: 'must be at least 32 characters (openssl rand -base64 48)' })),
  DATA_DIR: optional(z.string()),
  GUEST_CLIENT_LIMIT_FACTOR: optional(
    z.coerce
      .number()
      .int()
      .min(1, { message: 'must be a whole number of at least 1' })
      .max(1000, { message: 'must be at most 1000' }),
  ),
  DATABASE_URL: optional(
    z.string().regex(/^(file:|postgres(ql)?:\/\/)/, {
      message: 'must be file:<path> for SQLite or postgres://user:password@host:5432/db',
    }),
  ),
  EMULATOR_URL: optional(httpUrl('http://localhost:4010')),
  EMULATOR_SMTP_PORT: optional(z.coerce.number().int().min(1).max(65535)),
  ENTRA_TENANT_ID: optional(z.string().regex(GUID, { message: 'must be the directory (tenant) ID, a GUID' })),
  ENTRA_CLIENT_ID: optional(z.string().min(1)),
  ENTRA_CLIENT_SECRET: optional(z.string().min(1)),
  ENTRA_ISSUER: optional(httpUrl('https://login.microsoftonline.com/<tenant-id>/v2.0')),
  GRAPH_URL: optional(httpUrl('https://graph.microsoft.com')),
  ACS_CONNECTION_STRING: optional(connectionString),
  SMTP_URL: optional(
    z.string().regex(/^smtps?:\/\//, { message: 'must be smtp://host:port or smtps://user:password@host:465' }),
  ),
  MAIL_FROM: optional(z.string().min(3, { message: 'must be an address like "Vestibule <no-reply@contoso.com>"' })),
  // Hardening (#12): how many reverse proxies stand between the clients and this app, each appending
  // the address it saw to X-Forwarded-For. 0 (the default) trusts no forwarded header at all.
  TRUSTED_PROXY_HOPS: optional(
    z.coerce.number().int().min(0, { message: 'must be 0 or more' }).max(10, { message: 'must be at most 10' }),
  ),
  // Production (#15): OpenTelemetry traces, off unless an OTLP/HTTP collector is named (the standard
  // OpenTelemetry variable names, so an operator's existing collector settings just work).
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(httpUrl('http://otel-collector:4318')),
  OTEL_SERVICE_NAME: optional(z.string().min(1)),
  // Branding (issue #14): set once here, followed by the site, the mails' shell and the call's Fluent theme.
  BRAND_NAME: optional(z.string().trim().min(1).max(60, { message: 'must be at most 60 characters' })),
  BRAND_LOGO_URL: optional(
    z.string().regex(/^(https:\/\/[^\s]+|\/[^/\s][^\s]*)$/, {
      message: 'must be an https:// URL or a path under public/, like /brand/logo.svg',
    }),
  ),
  BRAND_PRIMARY_COLOR: optional(
    z
      .string()
      .refine(isHexColor, { message: 'must be a hex colour like #4f52b2' })
      .refine((v) => !isHexColor(v) || contrast(v, '#ffffff') >= MIN_CONTRAST_ON_WHITE, {
        message: `must be dark enough to carry white text (contrast with white at least ${MIN_CONTRAST_ON_WHITE}:1); try a darker shade`,
      })
      .transform((v) => v.toLowerCase()),
  ),
});

/** What must be set, and how it should look, when the services are the real Azure ones. */
const AZURE_REQUIRED = /** @type {const} */ ({
  APP_URL: 'the public https URL of this app, like https://meet.contoso.com',
  SESSION_SECRET: 'a random string of at least 32 characters (openssl rand -base64 48)',
  DATABASE_URL: 'postgres://user:password@host:5432/vestibule (or file:<path> for one instance)',
  ENTRA_TENANT_ID: 'the directory (tenant) ID of your Entra tenant, a GUID',
  ENTRA_CLIENT_ID: 'the application (client) ID of the Vestibule app registration',
  ENTRA_CLIENT_SECRET: 'a client secret of the Vestibule app registration',
  ACS_CONNECTION_STRING: 'endpoint=https://<resource>.communication.azure.com/;accesskey=<base64 key>',
  SMTP_URL: 'smtps://user:password@smtp.example.com:465',
  MAIL_FROM: '"Vestibule <no-reply@contoso.com>"',
});

export class ConfigError extends Error {
  /** @param {string[]} problems */
  constructor(problems) {
    super(
      `Vestibule's configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'See .env.example for every variable and what it should look like.',
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * @param {string} dataDir
 * @returns {string}
 */
function localSessionSecret(dataDir) {
  // Generated once per checkout and kept beside the local database, so sessions survive restarts
  // without anyone having to invent (and commit) a secret.
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/**
 * @param {string} connection
 * @returns {{ endpoint: string, accessKey: string }}
 */
function splitConnectionString(connection) {
  const parts = Object.fromEntries(
    connection.split(';').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).toLowerCase(), kv.slice(i + 1)];
    }),
  );
  return { endpoint: String(parts.endpoint).replace(/\/+$/, ''), accessKey: String(parts.accesskey) };
}

/**
 * Parses an environment into Vestibule's configuration. Pure apart from the local session secret file.
 * @param {Record<string, string | undefined>} env
 */
export function parseConfig(env) {
  const parsed = rawSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`),
    );
  }
  const e = parsed.data;
  const cloud = e.VESTIBULE_CLOUD;

  if (cloud === 'azure') {
    const missing = Object.entries(AZURE_REQUIRED)
      .filter(([name]) => e[/** @type {keyof typeof e} */ (name)] === undefined)
      .map(([name, hint]) => `${name} is required when VESTIBULE_CLOUD=azure: ${hint}`);
    if (e.ACS_CONNECTION_STRING?.includes(EMULATOR_DEFAULTS.accessKey)) {
      missing.push("ACS_CONNECTION_STRING uses the emulator's well-known dev key; use your ACS resource's key");
    }
    if (e.APP_URL && !e.APP_URL.startsWith('https://')) {
      missing.push('APP_URL must be https:// in azure mode (the Calling SDK refuses plain http outside localhost)');
    }
    if (missing.length > 0) throw new ConfigError(missing);
  }

  const emulatorUrl = e.EMULATOR_URL ?? EMULATOR_DEFAULTS.url;
  const local = cloud === 'local';
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR ?? 'data');
  const tenantId = e.ENTRA_TENANT_ID ?? EMULATOR_DEFAULTS.tenantId;
  const acs = splitConnectionString(
    e.ACS_CONNECTION_STRING ?? `endpoint=${emulatorUrl}/;accesskey=${EMULATOR_DEFAULTS.accessKey}`,
  );
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, 'vestibule.db')}`;

  return Object.freeze({
    cloud,
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    appUrl: e.APP_URL ?? 'http://localhost:3000',
    sessionSecret: e.SESSION_SECRET ?? localSessionSecret(dataDir),
    dataDir,
    /**
     * Multiplies the guest limits counted per client address (sign-in mails, code attempts, token and
     * status calls). Raise it where many invited guests share one public address (a partner's NAT);
     * the per-invitation and per-session limits do not change.
     */
    guestClientLimitFactor: e.GUEST_CLIENT_LIMIT_FACTOR ?? 1,
    /**
     * Reverse proxies in front of the app (nginx, App Service, Front Door…), each appending to
     * X-Forwarded-For. The client address is the entry that many places from the right; with 0 it is
     * the TCP peer, and a client's own X-Forwarded-For is ignored (audit trail, guest rate limits).
     */
    trustedProxyHops: e.TRUSTED_PROXY_HOPS ?? 0,
    database: databaseUrl.startsWith('file:')
      ? /** @type {const} */ ({
          kind: 'sqlite',
          url: databaseUrl,
          file: path.resolve(/*turbopackIgnore: true*/ databaseUrl.slice('file:'.length)),
        })
      : /** @type {const} */ ({ kind: 'postgres', url: databaseUrl }),
    /** Set only in local mode: the emulator's origin, for its health check and developer links. */
    emulatorUrl: local ? emulatorUrl : undefined,
    /** Local mode only: the emulator's calling service, which the local CallAdapter connects to. */
    callingUrl: local ? `${emulatorUrl.replace(/^http/, 'ws')}/calling` : undefined,
    entra: Object.freeze({
      tenantId,
      clientId: e.ENTRA_CLIENT_ID ?? EMULATOR_DEFAULTS.clientId,
      clientSecret: e.ENTRA_CLIENT_SECRET ?? EMULATOR_DEFAULTS.clientSecret,
      issuer: e.ENTRA_ISSUER ?? (local ? `${emulatorUrl}/oidc` : `https://login.microsoftonline.com/${tenantId}/v2.0`),
    }),
    graph: Object.freeze({
      baseUrl: e.GRAPH_URL ?? (local ? `${emulatorUrl}/graph` : 'https://graph.microsoft.com'),
      version: 'v1.0',
    }),
    acs: Object.freeze({
      connectionString: `endpoint=${acs.endpoint}/;accesskey=${acs.accessKey}`,
      endpoint: acs.endpoint,
      /** Only the emulator is reached over plain http; the identity SDK refuses it unless told. */
      allowInsecureConnection: acs.endpoint.startsWith('http://'),
    }),
    /** Traces of inbound requests and outbound Graph/ACS/SMTP calls; undefined (off) unless configured. */
    telemetry: e.OTEL_EXPORTER_OTLP_ENDPOINT
      ? Object.freeze({ otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME ?? 'vestibule' })
      : undefined,
    /**
     * Who the guests and staff see: the organization's name, its logo (an https URL or a path under
     * public/) and its colour, from which the site's and the call's palettes are derived.
     */
    brand: Object.freeze({
      name: e.BRAND_NAME ?? 'Vestibule',
      logoUrl: e.BRAND_LOGO_URL,
      primaryColor: e.BRAND_PRIMARY_COLOR ?? '#4f52b2',
    }),
    mail: Object.freeze({
      smtpUrl: e.SMTP_URL ?? `smtp://localhost:${e.EMULATOR_SMTP_PORT ?? EMULATOR_DEFAULTS.smtpPort}`,
      from: e.MAIL_FROM ?? 'Vestibule <no-reply@contoso.test>',
    }),
  });
}

/** @typedef {ReturnType<typeof parseConfig>} Config */

/** @type {Config | undefined} */
let cached;

/**
 * The configuration of this process, parsed on first use.
 * @returns {Config}
 */
export function getConfig() {
  if (!cached) {
    cached = parseConfig(process.env);
    // next-auth v4 reads its public URL from the environment at request time (it would otherwise
    // assume http://localhost:3000); derive it from APP_URL so there is one setting, not two.
    process.env.NEXTAUTH_URL = cached.appUrl;
  }
  return cached;
}
