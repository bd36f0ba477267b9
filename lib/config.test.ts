import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, EMULATOR_DEFAULTS, parseConfig } from './config.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'vestibule-config-'));

const azureEnv = (dir: string): Record<string, string> => ({
  VESTIBULE_CLOUD: 'azure',
  DATA_DIR: dir,
  APP_URL: 'https://meet.contoso.com',
  SESSION_SECRET: 'x'.repeat(40),
  DATABASE_URL: 'postgres://vestibule:pw@db.internal:5432/vestibule',
  ENTRA_TENANT_ID: '11111111-2222-3333-4444-555555555555',
  ENTRA_CLIENT_ID: 'app-client-id',
  ENTRA_CLIENT_SECRET: 'app-client-secret',
  ACS_CONNECTION_STRING: 'endpoint=https://contoso.communication.azure.com/;accesskey=c2VjcmV0a2V5',
  SMTP_URL: 'smtps://user:pw@smtp.contoso.com:465',
  MAIL_FROM: 'Vestibule <no-reply@contoso.com>',
});

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('local mode', () => {
  it('works with an empty environment, every service pointing at the emulator', () => {
    const dir = tmp();
    const config = parseConfig({ DATA_DIR: dir });
    expect(config.cloud).toBe('local');
    expect(config.emulatorUrl).toBe('http://localhost:4010');
    expect(config.entra.issuer).toBe('http://localhost:4010/oidc');
    expect(config.entra.tenantId).toBe(EMULATOR_DEFAULTS.tenantId);
    expect(config.graph.baseUrl).toBe('http://localhost:4010/graph');
    expect(config.acs.endpoint).toBe('http://localhost:4010');
    expect(config.acs.allowInsecureConnection).toBe(true);
    expect(config.mail.smtpUrl).toBe('smtp://localhost:2525');
    expect(config.database).toEqual({ kind: 'sqlite', url: `file:${dir}/vestibule.db`, file: `${dir}/vestibule.db` });
  });

  it('follows a moved emulator with one variable', () => {
    const config = parseConfig({ DATA_DIR: tmp(), EMULATOR_URL: 'http://localhost:4110/', EMULATOR_SMTP_PORT: '2625' });
    expect(config.entra.issuer).toBe('http://localhost:4110/oidc');
    expect(config.acs.connectionString).toBe(
      `endpoint=http://localhost:4110/;accesskey=${EMULATOR_DEFAULTS.accessKey}`,
    );
    expect(config.mail.smtpUrl).toBe('smtp://localhost:2625');
  });

  it('generates a session secret once, keeps it private, and reuses it', () => {
    const dir = tmp();
    const first = parseConfig({ DATA_DIR: dir }).sessionSecret;
    const second = parseConfig({ DATA_DIR: dir }).sessionSecret;
    expect(first).toHaveLength(64);
    expect(second).toBe(first);
    const file = path.join(dir, 'session-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(parseConfig({ DATA_DIR: tmp() }).sessionSecret).not.toBe(first);
  });

  it('treats empty values as unset and picks PostgreSQL from the URL', () => {
    const config = parseConfig({ DATA_DIR: tmp(), SMTP_URL: '', DATABASE_URL: 'postgres://u:p@localhost:5432/v' });
    expect(config.mail.smtpUrl).toBe('smtp://localhost:2525');
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@localhost:5432/v' });
  });
});

describe('azure mode', () => {
  it('accepts a complete configuration and derives the Entra issuer from the tenant', () => {
    const config = parseConfig(azureEnv(tmp()));
    expect(config.cloud).toBe('azure');
    expect(config.emulatorUrl).toBeUndefined();
    expect(config.entra.issuer).toBe('https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0');
    expect(config.graph.baseUrl).toBe('https://graph.microsoft.com');
    expect(config.acs.endpoint).toBe('https://contoso.communication.azure.com');
    expect(config.acs.allowInsecureConnection).toBe(false);
    expect(config.sessionSecret).toBe('x'.repeat(40));
  });

  it('names every missing variable in one message', () => {
    const problems = problemsOf({ VESTIBULE_CLOUD: 'azure', DATA_DIR: tmp() });
    for (const name of [
      'APP_URL',
      'SESSION_SECRET',
      'DATABASE_URL',
      'ENTRA_TENANT_ID',
      'ENTRA_CLIENT_ID',
      'ENTRA_CLIENT_SECRET',
      'ACS_CONNECTION_STRING',
      'SMTP_URL',
      'MAIL_FROM',
    ]) {
      expect(
        problems.some((p) => p.startsWith(`${name} is required`)),
        name,
      ).toBe(true);
    }
  });

  it('refuses malformed values with what they should look like', () => {
    const env = {
      ...azureEnv(tmp()),
      ACS_CONNECTION_STRING: 'https://contoso.communication.azure.com',
      ENTRA_TENANT_ID: 'contoso',
      SESSION_SECRET: 'short',
    };
    const problems = problemsOf(env);
    expect(problems.find((p) => p.startsWith('ACS_CONNECTION_STRING'))).toContain('endpoint=https://');
    expect(problems.find((p) => p.startsWith('ENTRA_TENANT_ID'))).toContain('GUID');
    expect(problems.find((p) => p.startsWith('SESSION_SECRET'))).toContain('32 characters');
  });

  it("refuses the emulator's well-known key and plain http", () => {
    const env = {
      ...azureEnv(tmp()),
      APP_URL: 'http://meet.contoso.com',
      ACS_CONNECTION_STRING: `endpoint=https://x.communication.azure.com/;accesskey=${EMULATOR_DEFAULTS.accessKey}`,
    };
    const problems = problemsOf(env);
    expect(problems.some((p) => p.includes('well-known dev key'))).toBe(true);
    expect(problems.some((p) => p.startsWith('APP_URL must be https://'))).toBe(true);
  });

  it('refuses an unknown cloud', () => {
    expect(problemsOf({ VESTIBULE_CLOUD: 'aws' })[0]).toContain("must be 'local' or 'azure'");
  });
});

describe('start-up', () => {
  it('exits non-zero before serving when azure mode lacks ACS_CONNECTION_STRING, naming it', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...azureEnv(tmp()) };
    delete env.ACS_CONNECTION_STRING;
    const run = promisify(execFile);
    // next.config.js is what `next dev|build|start` evaluate first; loading it must stop the process.
    const result = await run(process.execPath, ['-e', "await import('./next.config.js')", '--input-type=module'], {
      env,
      cwd: process.cwd(),
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ACS_CONNECTION_STRING is required when VESTIBULE_CLOUD=azure');
  });
});

describe('branding', () => {
  const local = (env: Record<string, string>) => parseConfig({ SESSION_SECRET: 'x'.repeat(40), ...env });

  it("defaults to Vestibule's own name and indigo", () => {
    expect(local({}).brand).toEqual({ name: 'Vestibule', logoUrl: undefined, primaryColor: '#4f52b2' });
  });

  it('takes a name, a logo (https or a path under public/) and a hex colour, lower-cased', () => {
    const { brand } = local({
      BRAND_NAME: ' Contoso ',
      BRAND_LOGO_URL: '/brand/logo.svg',
      BRAND_PRIMARY_COLOR: '#0F6CBD',
    });
    expect(brand).toEqual({ name: 'Contoso', logoUrl: '/brand/logo.svg', primaryColor: '#0f6cbd' });
    expect(local({ BRAND_LOGO_URL: 'https://cdn.contoso.com/logo.png' }).brand.logoUrl).toBe(
      'https://cdn.contoso.com/logo.png',
    );
  });

  it('refuses a colour that is not #rrggbb, and one too light to carry white text', () => {
    for (const bad of ['blue', '#12345', '#0f6cbdff', 'rgb(0,0,0)']) {
      expect(problemsOf({ SESSION_SECRET: 'x'.repeat(40), BRAND_PRIMARY_COLOR: bad })).toEqual([
        'BRAND_PRIMARY_COLOR must be a hex colour like #4f52b2',
      ]);
    }
    const [tooLight] = problemsOf({ SESSION_SECRET: 'x'.repeat(40), BRAND_PRIMARY_COLOR: '#ffd700' });
    expect(tooLight).toMatch(/^BRAND_PRIMARY_COLOR must be dark enough to carry white text/);
  });

  it('refuses a logo on plain http or a protocol-relative URL', () => {
    for (const bad of ['http://cdn.contoso.com/logo.png', '//cdn.contoso.com/logo.png', 'logo.png']) {
      expect(problemsOf({ SESSION_SECRET: 'x'.repeat(40), BRAND_LOGO_URL: bad })[0]).toMatch(/^BRAND_LOGO_URL must be/);
    }
  });
});
