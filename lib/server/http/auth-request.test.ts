import { describe, expect, it } from 'vitest';
import { guardAuthRequest } from './auth-request';
import { CHUNK, endlessUpload, refusal } from './uploads.testing';

const CAP = 64 * 1024;

describe('guardAuthRequest (in front of next-auth)', () => {
  it('refuses a chunked upload to the sign-in endpoint at the cap', async () => {
    const { request, seen } = endlessUpload(50 * 1024 * 1024);
    const error = await refusal(guardAuthRequest(request));
    expect(error.status).toBe(413);
    expect(seen.pulled).toBeLessThanOrEqual(CAP + 2 * CHUNK);
  });

  it('answers a JSON content type with a body that is not JSON with 400', async () => {
    const request = new Request('http://localhost:3000/api/auth/csrf', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'csrfToken=x',
    });
    expect((await refusal(guardAuthRequest(request))).status).toBe(400);
  });

  it('hands next-auth the same form body, readable, with its URL', async () => {
    const request = new Request('http://localhost:3000/api/auth/signout?x=1', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'csrfToken=abc&callbackUrl=%2Fsigned-out',
    });
    const guarded = await guardAuthRequest(request);
    expect(guarded.nextUrl.searchParams.get('x')).toBe('1');
    expect(guarded.method).toBe('POST');
    expect(Object.fromEntries(new URLSearchParams(await guarded.text()))).toEqual({
      csrfToken: 'abc',
      callbackUrl: '/signed-out',
    });
  });

  it('refuses a callbackUrl that is neither a path nor a URL (400), and lets paths through', async () => {
    const bad = new Request('http://localhost:3000/api/auth/session?callbackUrl=notaurl');
    expect((await refusal(guardAuthRequest(bad))).status).toBe(400);
    const good = await guardAuthRequest(new Request('http://localhost:3000/api/auth/session?callbackUrl=%2Fportal'));
    expect(good.nextUrl.searchParams.get('callbackUrl')).toBe('/portal');
  });
});
