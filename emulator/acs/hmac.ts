import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verifies ACS's HMAC-SHA256 request signature, exactly as @azure/communication-common signs it
 * (credential/communicationAccessKeyCredentialPolicy.js):
 *   stringToSign = `${VERB}\n${pathAndQuery}\n${x-ms-date};${host};${x-ms-content-sha256}`
 *   signature    = base64(HMAC-SHA256(base64decode(key), stringToSign))
 *   Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<signature>
 * and x-ms-content-sha256 = base64(SHA-256(body)).
 */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export type HmacRequest = {
  method: string;
  /** Raw request target, e.g. `/identities?api-version=2023-10-01`. */
  pathAndQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
};

export type HmacResult = { ok: true } | { ok: false; reason: string };

const header = (h: HmacRequest['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export function contentHash(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('base64');
}

export function sign(key: string, stringToSign: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64')).update(stringToSign, 'utf8').digest('base64');
}

/** The SDK signs `url.pathname + '?' + url.searchParams.toString()`; accept that and the raw target. */
function candidatePaths(pathAndQuery: string): string[] {
  const u = new URL(pathAndQuery, 'http://x');
  const q = u.searchParams.toString();
  const normalised = q ? `${u.pathname}?${q}` : u.pathname;
  return normalised === pathAndQuery ? [pathAndQuery] : [pathAndQuery, normalised];
}

export function verifyHmac(req: HmacRequest, key: string, now: number = Date.now()): HmacResult {
  const auth = header(req.headers, 'authorization');
  const date = header(req.headers, 'x-ms-date') ?? header(req.headers, 'date');
  const host = header(req.headers, 'host');
  const hash = header(req.headers, 'x-ms-content-sha256');
  if (!auth) return { ok: false, reason: 'The Authorization header is missing.' };
  const m = /^HMAC-SHA256\s+SignedHeaders=([^&]+)&Signature=(.+)$/.exec(auth.trim());
  if (!m) return { ok: false, reason: 'The Authorization header is not a valid HMAC-SHA256 signature.' };
  const signedHeaders = (m[1] ?? '').toLowerCase().split(';');
  const signature = m[2] ?? '';
  if (signedHeaders.join(';') !== 'x-ms-date;host;x-ms-content-sha256') {
    return { ok: false, reason: 'SignedHeaders must be x-ms-date;host;x-ms-content-sha256.' };
  }
  if (!date || !host || !hash) return { ok: false, reason: 'A signed header is missing.' };
  const t = Date.parse(date);
  if (Number.isNaN(t)) return { ok: false, reason: 'x-ms-date is not a valid date.' };
  if (Math.abs(now - t) > MAX_SKEW_MS) {
    return { ok: false, reason: 'The request time (x-ms-date) is more than 15 minutes away from the server time.' };
  }
  if (hash !== contentHash(req.body)) {
    return { ok: false, reason: 'x-ms-content-sha256 does not match the request body.' };
  }
  const given = Buffer.from(signature, 'base64');
  for (const path of candidatePaths(req.pathAndQuery)) {
    const expected = Buffer.from(sign(key, `${req.method.toUpperCase()}\n${path}\n${date};${host};${hash}`), 'base64');
    if (expected.length === given.length && timingSafeEqual(expected, given)) return { ok: true };
  }
  return { ok: false, reason: 'The request signature is not valid.' };
}

/** Signs a request the way the SDK does; used by tests and handy for curl scripts. */
export function signRequest(opts: {
  key: string;
  method: string;
  url: string;
  body?: string;
  date?: Date;
}): Record<string, string> {
  const u = new URL(opts.url);
  const q = u.searchParams.toString();
  const pathAndQuery = q ? `${u.pathname}?${q}` : u.pathname;
  const date = (opts.date ?? new Date()).toUTCString();
  const hash = contentHash(opts.body ?? '');
  const signature = sign(opts.key, `${opts.method.toUpperCase()}\n${pathAndQuery}\n${date};${u.host};${hash}`);
  return {
    'x-ms-date': date,
    'x-ms-content-sha256': hash,
    authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
  };
}
