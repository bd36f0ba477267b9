import { z } from 'zod';

import { DEV_ONLY_ACS_ACCESS_KEY, DEV_CLIENT_ID, DEV_CLIENT_SECRET } from './constants';

/**
 * The emulator's configuration, read from the environment once. This is the only module in
 * `emulator/` that reads `process.env`; `startEmulator()` options override what it returns.
 */
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const EnvSchema = z.object({
  EMULATOR_PORT: port(4010),
  EMULATOR_SMTP_PORT: port(2525),
  EMULATOR_DATA_DIR: z.string().min(1).default('data'),
  EMULATOR_ACCESS_KEY: z
    .string()
    .min(1)
    .refine((v) => Buffer.from(v, 'base64').length >= 32, 'must be a base64 key of at least 32 bytes')
    .default(DEV_ONLY_ACS_ACCESS_KEY),
  EMULATOR_APP_ORIGINS: z
    .string()
    .default('http://localhost:3000,http://localhost:3100')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ })).min(1)),
  EMULATOR_CLIENT_ID: z.string().min(1).default(DEV_CLIENT_ID),
  EMULATOR_CLIENT_SECRET: z.string().min(8).default(DEV_CLIENT_SECRET),
  /** How long the lobby keeps someone waiting before it lets them go; journeys shorten it to see that end. */
  EMULATOR_LOBBY_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(86_400_000).optional(),
});

export type EmulatorConfig = {
  port: number;
  smtpPort: number;
  dataDir: string;
  accessKey: string;
  appOrigins: string[];
  clientId: string;
  clientSecret: string;
  /** Undefined: the calling service's default (LOBBY_TIMEOUT_MS). */
  lobbyTimeoutMs: number | undefined;
};

let cached: EmulatorConfig | undefined;

/** Parses the environment (once); throws an error naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  if (cached && env === process.env) return cached;
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid emulator configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const config: EmulatorConfig = {
    port: e.EMULATOR_PORT,
    smtpPort: e.EMULATOR_SMTP_PORT,
    dataDir: e.EMULATOR_DATA_DIR,
    accessKey: e.EMULATOR_ACCESS_KEY,
    appOrigins: e.EMULATOR_APP_ORIGINS.map((o) => o.replace(/\/+$/, '')),
    clientId: e.EMULATOR_CLIENT_ID,
    clientSecret: e.EMULATOR_CLIENT_SECRET,
    lobbyTimeoutMs: e.EMULATOR_LOBBY_TIMEOUT_MS,
  };
  if (env === process.env) cached = config;
  return config;
}
