import type { IncomingMessage, ServerResponse } from 'node:http';

/** Everything a surface handler needs about one request. */
export type Ctx = {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** The URL as received (path + query), parsed against the emulator's origin. */
  url: URL;
  /** Path relative to the surface's mount prefix (always starts with '/'). */
  path: string;
  origin: string;
  requestId: string;
};

export type Handler = (ctx: Ctx) => Promise<void>;

export class BodyTooLargeError extends Error {}

/** Largest body any surface reads. */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * An oversized body is still read to its end (and thrown away) so the client gets the 413 rather than
 * a connection reset for writing into a closed socket; only past this much more do we hang up.
 */
const MAX_DRAIN_BYTES = 32 * 1024 * 1024;

const bodies = new WeakMap<IncomingMessage, Promise<Buffer>>();

/** Reads the whole request body once (cached, so several layers may ask for it). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  let p = bodies.get(req);
  if (!p) {
    p = new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_DRAIN_BYTES) {
          req.destroy();
          return;
        }
        if (size <= MAX_BODY_BYTES) chunks.push(c);
      });
      req.on('end', () => {
        if (size > MAX_BODY_BYTES) reject(new BodyTooLargeError('request body too large'));
        else resolve(Buffer.concat(chunks));
      });
      req.on('error', reject);
      req.on('close', () => {
        if (!req.complete) reject(new BodyTooLargeError('request body too large or cut short'));
      });
    });
    bodies.set(req, p);
  }
  return p;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false };

/** Parses a JSON body; an empty body is `undefined`, malformed JSON is `{ ok: false }`. */
export async function readJson(req: IncomingMessage): Promise<JsonResult> {
  const raw = await readBody(req);
  if (raw.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req)).toString('utf8'));
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(html);
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The peer is this machine. */
export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The Host header names this machine (`localhost`, `127.0.0.1` or `[::1]`, any port). A page on
 * another site can point its own DNS name at 127.0.0.1 (DNS rebinding) and then talk to the emulator
 * as same-origin; its requests still carry that name in Host, so they are refused.
 */
export function hasLoopbackHost(req: IncomingMessage): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(host);
  return Boolean(m?.[1] && LOOPBACK_HOSTS.has(m[1]));
}
