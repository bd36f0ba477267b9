import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/server/errors';
import { isExpired, shareExpiry } from './expiry';

const now = new Date('2026-12-01T08:00:00Z');
const meetingEnd = new Date('2026-12-01T10:00:00Z');
const days = (n: number) => n * 24 * 60 * 60_000;

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('share expiry', () => {
  it('defaults to one hour after the meeting ends', () => {
    expect(shareExpiry({ meetingEnd, now }).toISOString()).toBe('2026-12-01T11:00:00.000Z');
  });

  it('refuses a meeting that ends more than 60 days ahead: its invitation would lapse before it', () => {
    const far = new Date(now.getTime() + days(90));
    expect(() => shareExpiry({ meetingEnd: far, now })).toThrow('within the next 60 days');
  });

  it('never defaults past 60 days, even when the grace hour would cross it', () => {
    const edge = new Date(now.getTime() + days(60) - 10 * 60_000);
    expect(shareExpiry({ meetingEnd: edge, now }).getTime()).toBe(now.getTime() + days(60));
  });

  it('accepts an explicit expiry in the future, up to exactly 60 days', () => {
    const requested = new Date('2026-12-03T12:00:00Z');
    expect(shareExpiry({ meetingEnd, requested, now })).toEqual(requested);
    const limit = new Date(now.getTime() + days(60));
    expect(shareExpiry({ meetingEnd, requested: limit, now })).toEqual(limit);
  });

  it('refuses an explicit expiry in the past or now', () => {
    for (const requested of [new Date(now.getTime() - 1000), now]) {
      const e = refusal(() => shareExpiry({ meetingEnd, requested, now }));
      expect(e.code).toBe('validation_failed');
      expect(e.fields?.expiresAt).toMatch(/future/);
    }
  });

  it('refuses an explicit expiry more than 60 days away', () => {
    const e = refusal(() => shareExpiry({ meetingEnd, requested: new Date(now.getTime() + days(60) + 1000), now }));
    expect(e.code).toBe('validation_failed');
    expect(e.fields?.expiresAt).toMatch(/60 days/);
  });

  it('refuses to share a meeting that has ended, whatever the expiry', () => {
    const ended = new Date(now.getTime() - 60_000);
    expect(refusal(() => shareExpiry({ meetingEnd: ended, now })).code).toBe('gone');
    expect(
      refusal(() => shareExpiry({ meetingEnd: ended, requested: new Date(now.getTime() + days(1)), now })).code,
    ).toBe('gone');
  });

  it('treats a share as expired from its expiry instant on', () => {
    expect(isExpired('2026-12-01T08:00:00.000Z', now)).toBe(true);
    expect(isExpired('2026-12-01T08:00:00.001Z', now)).toBe(false);
  });
});
