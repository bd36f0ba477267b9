import { describe, expect, it } from 'vitest';
import { isShareId, newShareId } from './ids';

describe('share ids', () => {
  it('are 24 base64url characters: 144 bits, safe in a URL path', () => {
    const id = newShareId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(Buffer.from(id, 'base64url')).toHaveLength(18);
    expect(encodeURIComponent(id)).toBe(id);
    expect(isShareId(id)).toBe(true);
  });

  it('do not repeat, and use the whole alphabet evenly', () => {
    const ids = Array.from({ length: 20_000 }, newShareId);
    expect(new Set(ids).size).toBe(ids.length);
    const counts = new Map<string, number>();
    for (const ch of ids.join('')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(64);
    // 480 000 characters over 64 symbols: 7 500 expected each; a biased generator would stray far.
    for (const n of counts.values()) expect(Math.abs(n - 7500)).toBeLessThan(600);
  });

  it('are recognised strictly', () => {
    for (const bad of ['', 'short', `${'a'.repeat(23)}=`, `${'a'.repeat(23)}/`, 'a'.repeat(25), '../../etc/passwd']) {
      expect(isShareId(bad)).toBe(false);
    }
  });
});
