import { describe, expect, it } from 'vitest';
import { AppError, ERROR_STATUS, toErrorResponse } from './errors';

describe('toErrorResponse', () => {
  it.each(Object.entries(ERROR_STATUS))('maps %s to HTTP %i', (code, status) => {
    const mapped = toErrorResponse(new AppError(code as keyof typeof ERROR_STATUS, 'A message for people.'), 'req-1');
    expect(mapped.status).toBe(status);
    expect(mapped.body.error).toMatchObject({ code, message: 'A message for people.', requestId: 'req-1' });
  });

  it('sends Retry-After for throttled refusals', () => {
    const mapped = toErrorResponse(new AppError('rate_limited', 'Slow down.', { retryAfterSeconds: 12.2 }), 'r');
    expect(mapped.headers['Retry-After']).toBe('13');
  });

  it('never echoes the message of an unexpected error', () => {
    const mapped = toErrorResponse(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'), 'req-9');
    expect(mapped.status).toBe(500);
    expect(mapped.expected).toBe(false);
    expect(JSON.stringify(mapped.body)).not.toContain('hunter2');
    expect(JSON.stringify(mapped.body)).not.toContain('ECONNREFUSED');
    expect(mapped.body.error.requestId).toBe('req-9');
  });
});
