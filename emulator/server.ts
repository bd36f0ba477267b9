import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

import { acsError } from './acs/router';
import type { EmulatorContext, SurfaceName } from './context';
import { graphCodeFor, graphError } from './graph/errors';
import { BodyTooLargeError, hasLoopbackHost, sendJson, type Ctx, type Handler } from './http';
import { mailError } from './mail/router';

/**
 * A surface is a module mounted at a path prefix. `faultSurface` names it for fault injection
 * (admin has none). A WebSocket surface (the calling service at /calling) registers an `upgrade`
 * handler; its plain HTTP requests get 426.
 */
export type Surface = {
  name: SurfaceName | 'admin' | 'health' | 'calling';
  /** Returns the path relative to the mount, or undefined when the request is not this surface's. */
  match(pathname: string): string | undefined;
  handle: Handler;
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer, path: string) => void;
};

export function prefixMatcher(prefix: string) {
  return (pathname: string): string | undefined => {
    if (pathname === prefix) return '/';
    if (pathname.startsWith(`${prefix}/`)) return pathname.slice(prefix.length);
    return undefined;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retry-After of an injected 429 that did not name one. */
const DEFAULT_RETRY_AFTER_SECONDS = 10;

const FAULT_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  413: 'RequestEntityTooLarge',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceNotAvailable',
  504: 'GatewayTimeout',
};

/** Answers in the surface's own error shape (Graph, ACS, OAuth or mailbox). */
function sendSurfaceError(
  surface: Surface['name'],
  ctx: Ctx,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const code = FAULT_CODES[status] ?? (status >= 500 ? 'ServiceError' : 'RequestError');
  if (surface === 'graph') return graphError(ctx, status, graphCodeFor(ctx.url.pathname, status), message, headers);
  if (surface === 'acs') {
    for (const [k, v] of Object.entries(headers)) ctx.res.setHeader(k, v);
    return acsError(ctx, status, code, message);
  }
  if (surface === 'oidc') {
    const error =
      status === 429 || status === 503 ? 'temporarily_unavailable' : status >= 500 ? 'server_error' : 'invalid_request';
    return sendJson(ctx.res, status, { error, error_description: message }, headers);
  }
  if (surface === 'mail') {
    for (const [k, v] of Object.entries(headers)) ctx.res.setHeader(k, v);
    return mailError(ctx, status, code, message);
  }
  return sendJson(ctx.res, status, { error: { code, message } }, headers);
}

export function createRequestListener(env: EmulatorContext, surfaces: Surface[]) {
  return async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    if (!hasLoopbackHost(req)) {
      req.resume();
      return sendJson(res, 403, {
        error: { code: 'Forbidden', message: 'The emulator answers only requests addressed to localhost.' },
      });
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', env.origin);
    } catch {
      return sendJson(res, 400, { error: { code: 'BadRequest', message: 'Malformed request target.' } });
    }
    let surface: Surface | undefined;
    let path = '/';
    for (const s of surfaces) {
      const p = s.match(url.pathname);
      if (p !== undefined) {
        surface = s;
        path = p;
        break;
      }
    }
    const ctx: Ctx = {
      req,
      res,
      method: (req.method ?? 'GET').toUpperCase(),
      url,
      path,
      origin: env.origin,
      requestId,
    };
    if (!surface && url.pathname === '/favicon.ico') {
      // Browsers ask every origin for one; a 404 here would show as an error on the login page.
      res.writeHead(204, { 'cache-control': 'max-age=86400' }).end();
      return;
    }
    if (!surface) {
      return sendJson(res, 404, { error: { code: 'NotFound', message: `Nothing is emulated at ${url.pathname}.` } });
    }
    const name = surface.name;
    try {
      if (name === 'oidc' || name === 'graph' || name === 'acs' || name === 'mail') {
        const fault = env.faults.take(name, url.pathname);
        if (fault) {
          env.log.info({ surface: name, path: url.pathname, fault }, 'fault injected');
          if (fault.delayMs) await sleep(fault.delayMs);
          if (fault.status) {
            // Throttling always says when to come back, as Graph and ACS do.
            const retryAfter =
              fault.retryAfterSeconds ?? (fault.status === 429 ? DEFAULT_RETRY_AFTER_SECONDS : undefined);
            const headers: Record<string, string> =
              retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
            const message =
              fault.status === 429
                ? 'Too many requests. Retry after the time in the Retry-After header.'
                : 'The service is unavailable (injected fault).';
            // Drain the body so the client sees the response, not a reset connection.
            req.resume();
            return sendSurfaceError(name, ctx, fault.status, message, headers);
          }
        }
      }
      await surface.handle(ctx);
    } catch (e) {
      if (res.headersSent) {
        env.log.error({ err: e, requestId }, 'error after response started');
        res.destroy();
        return;
      }
      if (e instanceof BodyTooLargeError) return sendSurfaceError(name, ctx, 413, 'The request body is too large.');
      env.log.error({ err: e, requestId, path: url.pathname }, 'unexpected error');
      sendSurfaceError(name, ctx, 500, `An unexpected error occurred (request id ${requestId}).`);
    }
  };
}

export function createUpgradeListener(env: EmulatorContext, surfaces: Surface[]) {
  return function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (err) => env.log.debug({ err }, 'upgrade socket error'));
    if (!hasLoopbackHost(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    try {
      const pathname = new URL(req.url ?? '/', env.origin).pathname;
      for (const s of surfaces) {
        const p = s.match(pathname);
        if (p !== undefined && s.upgrade) return s.upgrade(req, socket, head, p);
      }
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } catch (err) {
      env.log.warn({ err }, 'upgrade refused');
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  };
}
