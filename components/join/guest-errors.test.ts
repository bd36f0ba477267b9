import { describe, expect, it } from 'vitest';
import { guestErrorText } from './guest-errors';

const failure = (over: Partial<Parameters<typeof guestErrorText>[0]>) =>
  ({ ok: false, status: 400, message: 'English words from the server', ...over }) as const;

describe('guest refusals in the guest’s language', () => {
  it('names the field at fault, in catalogue words, never the server’s English', () => {
    const said = guestErrorText(
      failure({ status: 422, code: 'validation_failed', fields: { code: 'The code is not right.' } }),
    );
    expect(said).toEqual({ message: { key: 'wrongCode' }, fields: { code: 'wrongCode' } });
    expect(guestErrorText(failure({ code: 'validation_failed', fields: { email: 'bad' } })).fields).toEqual({
      email: 'emailInvalid',
    });
  });

  it('says how long to wait when rate-limited, in whole minutes', () => {
    expect(guestErrorText(failure({ status: 429, code: 'rate_limited', retryAfterSeconds: 61 })).message).toEqual({
      key: 'tooMany',
      values: { minutes: 2 },
    });
  });

  it('tells a withdrawn, an unknown and an unreachable apart, and falls back to a generic message', () => {
    expect(guestErrorText(failure({ status: 410, code: 'gone' })).message.key).toBe('withdrawnOrExpired');
    expect(guestErrorText(failure({ status: 404, code: 'not_found' })).message.key).toBe('notValid');
    expect(guestErrorText(failure({ status: 0 })).message.key).toBe('offline');
    expect(guestErrorText(failure({ status: 502, code: 'upstream_unavailable' })).message.key).toBe('serviceDown');
    expect(guestErrorText(failure({ status: 500, code: 'internal' })).message.key).toBe('generic');
  });
});
