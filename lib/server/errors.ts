import 'server-only';
import type { ErrorBody, ErrorCode } from '@/lib/api/errors';

/**
 * Every refusal Vestibule makes on purpose. One code, one HTTP status, one message a person can act
 * on. Library errors are never shown to users: anything that is not an AppError becomes a generic 500.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  payload_too_large: 413,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
  upstream_unavailable: 503,
  upstream_throttled: 503,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

interface AppErrorOptions {
  /** Field-level messages, for forms: `{ email: 'Enter an e-mail address' }`. */
  fields?: Record<string, string>;
  /** Seconds the client should wait before trying again (sent as `Retry-After`). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

const GENERIC_500 =
  'Something went wrong on our side. Try again in a moment; if it keeps happening, quote the request id.';

/** The one mapping from any thrown value to an HTTP status, headers and a body safe to show. */
export function toErrorResponse(
  error: unknown,
  requestId: string,
): { status: number; headers: Record<string, string>; body: ErrorBody; expected: boolean } {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(Math.ceil(error.retryAfterSeconds));
    return {
      status: error.status,
      headers,
      body: { error: { code: error.code, message: error.message, requestId, fields: error.fields } },
      expected: error.code !== 'internal',
    };
  }
  return {
    status: 500,
    headers: {},
    body: { error: { code: 'internal', message: GENERIC_500, requestId } },
    expected: false,
  };
}
