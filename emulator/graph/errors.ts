import { randomUUID } from 'node:crypto';

import { sendJson, type Ctx } from '../http';

/** Graph's error shape: `{ error: { code, message, innerError: { 'request-id', date, 'client-request-id' } } }`. */
export function graphError(
  ctx: Ctx,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const clientRequestId = headerOf(ctx, 'client-request-id') ?? randomUUID();
  sendJson(
    ctx.res,
    status,
    {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': ctx.requestId,
          'client-request-id': clientRequestId,
        },
      },
    },
    { 'request-id': ctx.requestId, 'client-request-id': clientRequestId, ...headers },
  );
}

export function headerOf(ctx: Ctx, name: string): string | undefined {
  const v = ctx.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = 'BadRequest') => new GraphHttpError(400, code, message);
export const notFound = (message: string, code = 'NotFound') => new GraphHttpError(404, code, message);
export const forbidden = (message: string, code = 'Forbidden') => new GraphHttpError(403, code, message);

/** Outlook-backed resources (mail, calendar, events) answer with Exchange's `Error…` codes. */
const OUTLOOK_PATH = /^\/graph\/v1\.0\/(?:me|users\/[^/]+)\/(?:calendar|calendarView|events)/i;

/**
 * The code Graph puts in an error of this status on this path (used for injected faults): Graph's
 * own codes for its core workloads, Exchange's for calendar paths, `TooManyRequests` for throttling.
 */
export function graphCodeFor(path: string, status: number): string {
  const outlook = OUTLOOK_PATH.test(path);
  switch (status) {
    case 400:
      return outlook ? 'ErrorInvalidRequest' : 'BadRequest';
    case 401:
      return 'InvalidAuthenticationToken';
    case 403:
      return outlook ? 'ErrorAccessDenied' : 'Forbidden';
    case 404:
      return outlook ? 'ErrorItemNotFound' : 'NotFound';
    case 429:
      return outlook ? 'ApplicationThrottled' : 'TooManyRequests';
    case 503:
      return outlook ? 'ErrorServerBusy' : 'ServiceNotAvailable';
    case 504:
      return 'GatewayTimeout';
    default:
      return status >= 500 ? 'InternalServerError' : 'BadRequest';
  }
}
