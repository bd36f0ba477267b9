import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX, TokenRequest } from './display-name';
import { parseInput } from '@/lib/server/validation';
import { AppError } from '@/lib/server/errors';

function refusal(value: unknown): AppError {
  try {
    parseInput(TokenRequest, value);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused`);
}

describe('guest display name', () => {
  it('is trimmed, and keeps what people are called: accents, scripts, emoji sequences', () => {
    expect(parseInput(TokenRequest, { displayName: '  Grace Hopper \t' })).toEqual({ displayName: 'Grace Hopper' });
    for (const name of ['Zoë Ça', 'Łukasz Żółć', '山田 太郎', 'محمد', 'می‌خواهم', '👩‍💻 Dev', 'A']) {
      expect(parseInput(TokenRequest, { displayName: name }).displayName).toBe(name);
    }
  });

  it('allows 64 characters, counting an emoji or accented letter once, and refuses 65', () => {
    expect(parseInput(TokenRequest, { displayName: 'x'.repeat(DISPLAY_NAME_MAX) }).displayName).toHaveLength(64);
    expect(parseInput(TokenRequest, { displayName: '😀'.repeat(64) }).displayName).toBe('😀'.repeat(64));
    const e = refusal({ displayName: 'x'.repeat(65) });
    expect(e.code).toBe('validation_failed');
    expect(e.fields?.displayName).toMatch(/64 characters/);
  });

  it('refuses a missing, empty or blank name with a message at the field', () => {
    for (const body of [{}, { displayName: '' }, { displayName: '   ' }, { displayName: null }, { displayName: 42 }]) {
      expect(refusal(body).fields?.displayName, JSON.stringify(body)).toMatch(/Enter the name/);
    }
  });

  it('refuses line breaks, control characters and bidirectional overrides', () => {
    for (const name of [
      'Grace\nHopper',
      'Grace\rHopper',
      'a\u0000b',
      'a\u0007b',
      'a\u007fb',
      'a\u0085b',
      'a\u2028b',
      'evil\u202Egnp.exe',
      'a\u2066b\u2069',
    ]) {
      expect(refusal({ displayName: name }).fields?.displayName, JSON.stringify(name)).toMatch(/control characters/);
    }
  });
});
