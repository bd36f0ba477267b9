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
