import { describe, expect, it } from 'vitest';
import { DisplayName } from './display-name';
import { checkDisplayName } from '@/lib/api/display-name';

const CASES = [
  'Ann Example',
  '  Ann  ',
  '',
  '   ',
  'a'.repeat(64),
  'a'.repeat(65),
  '😀'.repeat(64),
  '😀'.repeat(65),
  'Zoë Ünal',
  'Ann\nExample',
  'Ann\tExample',
  'evil\u202Egnp.exe',
  'Ann\u2028Example',
  'علی\u200Cرضا',
  '\u0000',
];

describe('checkDisplayName (pre-join and token route)', () => {
  it('trims the name the guest typed', () => {
    expect(checkDisplayName('  Ann Example \t')).toEqual({ ok: true, value: 'Ann Example' });
  });

  it('refuses an empty name, an over-long one and control characters, saying why', () => {
    expect(checkDisplayName('   ')).toEqual({ ok: false, reason: 'empty', message: 'Enter the name others will see.' });
    expect(checkDisplayName('a'.repeat(65))).toMatchObject({
      ok: false,
      reason: 'tooLong',
      message: expect.stringContaining('64'),
    });
    expect(checkDisplayName('Ann\nExample')).toMatchObject({
      ok: false,
      reason: 'forbidden',
      message: expect.stringContaining('line breaks'),
    });
  });

  it('counts characters as people do: 64 emoji are allowed', () => {
    expect(checkDisplayName('😀'.repeat(64)).ok).toBe(true);
  });

  // The route wraps the same function; this holds the wrapper (zod's trim/message plumbing) to it.
  it.each(CASES)('the token route gives the same answer on %j', (name) => {
    const server = DisplayName.safeParse(name);
    const client = checkDisplayName(name);
    expect(client.ok).toBe(server.success);
    if (client.ok && server.success) expect(client.value).toBe(server.data);
    if (!client.ok && !server.success) expect(client.message).toBe(server.error.issues[0]?.message);
  });
});
