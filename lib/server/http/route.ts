import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { requireStaff, type Staff } from '@/lib/server/auth/staff';
import { AppError, toErrorResponse } from '@/lib/server/errors';
import { log as rootLog } from '@/lib/server/log';

export interface RouteContext<P> {
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
      const result = await handler({ req, params: await ctx.params, requestId, log });
      response =
        result instanceof Response ? result : result === null ? new Response(null, { status: 204 }) : Response.json(result);
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

/** Validates untrusted input; a failure is a 422 with one message per field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  throw new AppError('validation_failed', 'Some of what was sent is not valid.', { fields });
}

/** Reads a JSON body, refusing bodies that are not JSON (400) or are too large to be genuine (413→400). */
export async function readJson(req: Request, maxBytes = 64 * 1024): Promise<unknown> {
  const text = await req.text();
  if (text.length > maxBytes) throw new AppError('bad_request', 'The request body is too large.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('bad_request', 'The request body must be JSON.');
  }
}
