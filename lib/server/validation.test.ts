import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors';
import { parseInput } from './validation';

describe('parseInput', () => {
  const schema = z.object({ email: z.email({ message: 'Enter an e-mail address.' }), count: z.number().int().min(1) });

  it('returns typed data when valid', () => {
    expect(parseInput(schema, { email: 'a@b.example', count: 2 })).toEqual({ email: 'a@b.example', count: 2 });
  });

  it('throws a 422 with one message per field', () => {
    try {
      parseInput(schema, { email: 'nope', count: 0 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.status).toBe(422);
      expect(appError.fields?.email).toBe('Enter an e-mail address.');
      expect(appError.fields?.count).toBeDefined();
    }
  });
});
