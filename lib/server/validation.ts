import 'server-only';
import type { z } from 'zod';
import { AppError } from '@/lib/server/errors';

/**
 * Validates untrusted input; a failure is the one AppError (422, one message per field). Lives apart
 * from the HTTP wrapper because domain services validate what they are given too, and domain code must
 * not depend on the HTTP layer.
 */
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
