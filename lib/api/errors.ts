/** The one error shape every API route answers with. Plain types only (imported by the browser). */

export type ErrorCode =
  | 'bad_request'
  | 'payload_too_large'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'rate_limited'
  | 'upstream_unavailable'
  | 'upstream_throttled'
  | 'internal';

export interface ErrorBody {
  error: {
    code: ErrorCode;
    /** Written for the person using the app; never a library's own message. */
    message: string;
    requestId: string;
    /** Field-level messages for forms, keyed by the field's path (`guests.0.email`). */
    fields?: Record<string, string>;
  };
}
