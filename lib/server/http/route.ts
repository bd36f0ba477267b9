import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { requireStaff, type Staff } from '@/lib/server/auth/staff';
import { getConfig } from '@/lib/config.js';
import { AppError, toErrorResponse } from '@/lib/server/errors';
import { log as rootLog } from '@/lib/server/log';
import { MAX_BODY_BYTES, readBodyCapped } from './body';

interface RouteContext<P> {
  req: Request;
  params: P;
  requestId: string;
  log: Logger;
}

type Handler<P> = (ctx: RouteContext<P>) => Promise<Response | object | null>;

/**
 * Wraps a route handler with what every route needs and none should repeat: a request id (echoed in
 * `X-Request-Id` and in every error body), one structured log line per request, and the one mapping
 * from errors to HTTP. A handler returns a plain object (sent as 200 JSON), null (204) or a Response.
 */
export function route<P extends Record<string, string | string[]> = Record<string, never>>(handler: Handler<P>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get('x-request-id')?.slice(0, 64) || randomUUID();
    const started = performance.now();
    const url = new URL(req.url);
    const log = rootLog.child({ requestId, method: req.method, path: url.pathname });
    let response: Response;
    try {
      assertSameOrigin(req);
      const result = await handler({ req, params: await ctx.params, requestId, log });
      response =
        result instanceof Response
          ? result
          : result === null
            ? new Response(null, { status: 204 })
            : Response.json(result);
    } catch (error) {
      const mapped = toErrorResponse(error, requestId);
      if (mapped.expected) log.info({ code: mapped.body.error.code }, 'request refused');
      else log.error({ err: error }, 'unexpected error');
      response = Response.json(mapped.body, { status: mapped.status, headers: mapped.headers });
    }
    response.headers.set('X-Request-Id', requestId);
    if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
    log.info({ status: response.status, ms: Math.round(performance.now() - started) }, 'request');
    return response;
  };
}

/**
 * A staff-only route: 401 when nobody is signed in, 403 for a non-staff session, then the handler
 * gets the signed-in employee. Identity always comes from the session, never from the request.
 */
export function staffRoute<P extends Record<string, string | string[]> = Record<string, never>>(
  handler: (ctx: RouteContext<P> & { staff: Staff }) => Promise<Response | object | null>,
) {
  return route<P>(async (ctx) => {
    const staff = await requireStaff();
    return handler({ ...ctx, staff, log: ctx.log.child({ staffId: staff.id }) });
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that another site's page made the browser send. SameSite=Lax
 * cookies still travel with requests from sibling subdomains (same *site*), and a text/plain form or
 * a no-preflight fetch can carry a JSON body; so every POST/PUT/PATCH/DELETE must come from this
 * app's own origin. Browsers send Sec-Fetch-Site and Origin on such requests; a request with neither
 * did not come from a browser page, and carries no ambient cookie risk.
 */
function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const site = req.headers.get('sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return;
  const origin = req.headers.get('origin');
  if (site === null && origin === null) return;
  if (origin !== null && origin === new URL(getConfig().appUrl).origin) return;
  throw new AppError('forbidden', 'This request must come from Vestibule itself.');
}

/**
 * Reads a JSON body: it must say it is JSON (a form post cannot), and be small enough to be genuine —
 * checked on the declared length before reading, and counted while it streams (see readBodyCapped).
 */
export async function readJson(req: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers.get('content-type') ?? '')) {
    throw new AppError('bad_request', 'The request body must be JSON (Content-Type: application/json).');
  }
  const text = new TextDecoder().decode(await readBodyCapped(req, maxBytes));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('bad_request', 'The request body must be JSON.');
  }
}
