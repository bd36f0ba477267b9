import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config.js';

// No Bicep compiler here (no network for its binary): these tests read the template as text and
// check what would break a deployment silently — a variable the app requires but the template does
// not set, a misspelt variable name, a secret reference with no Key Vault secret behind it, and a
// required parameter the example parameters file forgets.
const dir = import.meta.dirname;
const bicep = readFileSync(path.join(dir, 'main.bicep'), 'utf8');

/** The container's environment: `{ name: 'X', value: … }` or `{ name: 'X', secretRef: 'y' }`. */
const envEntries = [...bicep.matchAll(/\{ name: '([A-Z0-9_]+)', (value|secretRef): ([^}]+?) \}/g)].map((m) => ({
  name: m[1]!,
  kind: m[2] as 'value' | 'secretRef',
  expression: m[3]!.trim(),
}));

/** What an operator's real values look like, for the variables the template fills from parameters or secrets. */
const SAMPLES: Record<string, string> = {
  APP_URL: 'https://meet.contoso.com',
  SESSION_SECRET: 'k'.repeat(48),
  DATABASE_URL: 'postgres://vestibule:pw@vestibule-pg.postgres.database.azure.com:5432/vestibule?sslmode=require',
  ENTRA_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  ENTRA_CLIENT_ID: '5d9e3c1a-0b7f-4c55-9a61-3f2b8e4d7c10',
  ENTRA_CLIENT_SECRET: 'client-secret-value',
  ACS_CONNECTION_STRING: `endpoint=https://vestibule-acs.europe.communication.azure.com/;accesskey=${Buffer.alloc(64, 7).toString('base64')}`,
  SMTP_URL: 'smtp://user:password@smtp.azurecomm.net:587',
  MAIL_FROM: 'Vestibule <no-reply@contoso.com>',
  // The template passes the parameter's default, '' (tracing off).
  OTEL_EXPORTER_OTLP_ENDPOINT: '',
};

function templateEnvironment(): Record<string, string> {
  return Object.fromEntries(
    envEntries.map(({ name, kind, expression }) => {
      const literal = kind === 'value' ? /^'([^'$]*)'$/.exec(expression)?.[1] : undefined;
      const value = literal ?? SAMPLES[name];
      if (value === undefined) throw new Error(`No sample value for ${name}: add one to SAMPLES`);
      return [name, value];
    }),
  );
}

describe('deploy/main.bicep', () => {
  it('sets every variable lib/config.js requires in azure mode, so the app starts', () => {
    const env = templateEnvironment();
    expect(env.VESTIBULE_CLOUD).toBe('azure');
    let config: ReturnType<typeof parseConfig> | undefined;
    try {
      config = parseConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) expect.fail(`the template's environment is refused:\n${error.message}`);
      throw error;
    }
    expect(config.cloud).toBe('azure');
    expect(config.database.kind).toBe('postgres');
    expect(config.telemetry).toBeUndefined();
  });

  it('names only variables Vestibule knows (.env.example documents each one)', () => {
    const documented = new Set(
      [...readFileSync(path.join(dir, '..', '.env.example'), 'utf8').matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]),
    );
    documented.add('NODE_ENV'); // Node's own; lib/config.js reads it too
    expect(envEntries.length).toBeGreaterThan(5);
    expect(envEntries.map((e) => e.name).filter((name) => !documented.has(name))).toEqual([]);
  });

  it('keeps every secret in Key Vault: each secretRef has a Key Vault secret of that name', () => {
    const listed = JSON.parse(/var secretNames = (\[[^\]]*\])/.exec(bicep)![1]!.replaceAll("'", '"')) as string[];
    const inVault = [...bicep.matchAll(/secrets@[\d-]+' = \{\s*parent: vault\s*name: '([a-z-]+)'/g)].map((m) => m[1]);
    const referenced = envEntries.filter((e) => e.kind === 'secretRef').map((e) => e.expression.replaceAll("'", ''));
    expect(referenced.sort()).toEqual([...listed].sort());
    expect([...inVault].sort()).toEqual([...listed].sort());
    for (const secret of [
      'SESSION_SECRET',
      'DATABASE_URL',
      'ENTRA_CLIENT_SECRET',
      'ACS_CONNECTION_STRING',
      'SMTP_URL',
    ]) {
      expect(envEntries.find((e) => e.name === secret)?.kind, secret).toBe('secretRef');
    }
  });

  it('has an example parameters file that gives every parameter without a default', () => {
    const required = [...bicep.matchAll(/^param (\w+) \w+$/gm)].map((m) => m[1]!);
    const example = JSON.parse(readFileSync(path.join(dir, 'main.parameters.example.json'), 'utf8')) as {
      parameters: Record<string, unknown>;
    };
    expect(required.length).toBeGreaterThan(3);
    expect(required.filter((name) => !(name in example.parameters))).toEqual([]);
  });
});
