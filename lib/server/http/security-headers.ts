import 'server-only';

/**
 * The response headers that depend on where this instance runs, set by proxy.ts on every request
 * (next.config.js `headers()` is evaluated at build time, so it cannot know the cloud or the nonce).
 */
export interface SecurityContext {
  cloud: 'local' | 'azure';
  /** The app's public origin (APP_URL); https turns on HSTS and upgrade-insecure-requests. */
  appUrl: string;
  /** Local mode: the emulator's origin. Pages load nothing from it, but the call connects to it. */
  emulatorUrl?: string;
  /** The OIDC issuer: staff sign-in and sign-out forms end in a redirect to it. */
  issuer: string;
  /** Fresh per request, from `newNonce()`. */
  nonce: string;
}

/**
 * Where the ACS Calling SDK connects in Azure mode (signalling, registration, telemetry, Teams
 * interop), from Microsoft's "Network recommendations" for ACS calling ("Firewall configuration":
 * *.skype.com, *.microsoft.com, *.azure.net, *.azure.com, *.office.com; earlier revisions also list
 * *.azureedge.net and *.trouter.io). Media goes over ICE/TURN, which CSP does not govern.
 */
export const ACS_CALLING_HOSTS = [
  '*.skype.com',
  '*.microsoft.com',
  '*.azure.net',
  '*.azure.com',
  '*.office.com',
  '*.azureedge.net',
  '*.trouter.io',
] as const;

/** 128 random bits, base64: what Next finds in the CSP header and puts on its own scripts. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

const originOf = (url: string) => new URL(url).origin;

function connectSources(ctx: SecurityContext): string[] {
  if (ctx.cloud === 'local') {
    // The local call adapter's WebSocket to the emulator's calling service (ws:, same host and port).
    const emulator = new URL(ctx.emulatorUrl ?? 'http://localhost:4010');
    const ws = `${emulator.protocol === 'https:' ? 'wss' : 'ws'}://${emulator.host}`;
    return ["'self'", ws];
  }
  return ["'self'", ...ACS_CALLING_HOSTS.flatMap((host) => [`https://${host}`, `wss://${host}`])];
}

/**
 * The Content-Security-Policy for this request.
 * - Scripts: only Next's and ours, each carrying this request's nonce; `'strict-dynamic'` lets those
 *   load their own chunks (next/dynamic, the composites) without listing them.
 * - Styles: `'unsafe-inline'`, deliberately. Fluent UI v8 (merge-styles) and v9 (Griffel), which the
 *   ACS composites use, create `<style>` elements at run time from many places (layers, portals,
 *   callouts); Chromium refuses to give an unlisted `<style>` a sheet, so the composites would render
 *   unstyled. Server-rendered `style="…"` attributes cannot carry a nonce at all. Style injection
 *   cannot run script, and React escapes every value it renders, so this is the accepted trade.
 * - Workers from `blob:`: the Calling SDK starts its helpers that way in Azure mode.
 * - `form-action` includes the issuer: the staff sign-in and sign-out forms end in a redirect there,
 *   and Chromium applies form-action to redirects.
 */
export function contentSecurityPolicy(ctx: SecurityContext): string {
  const https = ctx.appUrl.startsWith('https://');
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${ctx.nonce}'`, "'strict-dynamic'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:'],
    'connect-src': connectSources(ctx),
    'worker-src': ["'self'", 'blob:'],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'", originOf(ctx.issuer)],
    'frame-ancestors': ["'none'"],
  };
  const policy = Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(' ')}`);
  if (https) policy.push('upgrade-insecure-requests');
  return policy.join('; ');
}

/** Every header proxy.ts adds; HSTS and COOP only where the app is served over https (Azure mode). */
export function securityHeaders(ctx: SecurityContext): { 'Content-Security-Policy': string } & Record<string, string> {
  const headers: { 'Content-Security-Policy': string } & Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(ctx),
  };
  if (ctx.cloud === 'azure' && ctx.appUrl.startsWith('https://')) {
    // Two years with subdomains: the value hstspreload.org asks for. Not `preload`: that is an
    // operator's decision about their whole domain, not the app's.
    headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
    // No other window can script ours; sign-in is a full-page redirect, never a popup, so nothing breaks.
    headers['Cross-Origin-Opener-Policy'] = 'same-origin';
  }
  return headers;
}
