import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders, type SecurityContext } from './security-headers';

const LOCAL: SecurityContext = {
  cloud: 'local',
  appUrl: 'http://localhost:3000',
  emulatorUrl: 'http://localhost:4010',
  issuer: 'http://localhost:4010/oidc',
  nonce: 'bm9uY2U=',
};
const AZURE: SecurityContext = {
  cloud: 'azure',
  appUrl: 'https://meet.contoso.com',
  issuer: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
  nonce: 'bm9uY2U=',
};

/** The policy as a map of directive → sources, the way a browser reads it. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('runs only scripts carrying this request’s nonce: no inline, no eval, no other host', () => {
    const script = parse(contentSecurityPolicy(LOCAL)).get('script-src');
    expect(script).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
  });

  it('forbids framing, plugins and <base> rewriting', () => {
    const csp = parse(contentSecurityPolicy(AZURE));
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('lets a local page talk to the app and the emulator’s calling WebSocket only', () => {
    expect(parse(contentSecurityPolicy(LOCAL)).get('connect-src')).toEqual(["'self'", 'ws://localhost:4010']);
  });

  it('lets an Azure page reach the ACS calling hosts over https and wss, and nothing over plain http', () => {
    const connect = parse(contentSecurityPolicy(AZURE)).get('connect-src') ?? [];
    expect(connect).toContain('https://*.skype.com');
    expect(connect).toContain('wss://*.skype.com');
    expect(connect).toContain('https://*.azure.com');
    expect(connect.filter((s) => s.startsWith('http:') || s.startsWith('ws:'))).toEqual([]);
    expect(connect).not.toContain('*');
  });

  it('lets forms end at the OIDC issuer (sign-in and sign-out redirect there) and nowhere else', () => {
    expect(parse(contentSecurityPolicy(AZURE)).get('form-action')).toEqual([
      "'self'",
      'https://login.microsoftonline.com',
    ]);
    expect(parse(contentSecurityPolicy(LOCAL)).get('form-action')).toEqual(["'self'", 'http://localhost:4010']);
  });

  it('upgrades insecure requests only when the app itself is served over https', () => {
    expect(parse(contentSecurityPolicy(AZURE)).has('upgrade-insecure-requests')).toBe(true);
    expect(parse(contentSecurityPolicy(LOCAL)).has('upgrade-insecure-requests')).toBe(false);
  });
});

describe('securityHeaders', () => {
  it('adds HSTS and COOP in Azure mode', () => {
    const headers = securityHeaders(AZURE);
    expect(headers['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
  });

  it('does not pin plain-http local development to https', () => {
    const headers = securityHeaders(LOCAL);
    expect(headers['Strict-Transport-Security']).toBeUndefined();
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });
});

describe('newNonce', () => {
  it('is 128 random bits, different every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});
