import { describe, expect, it } from 'vitest';
import { readBodyCapped } from './body';
import { guardAuthRequest } from './auth-request';
import { AppError } from '@/lib/server/errors';

const CHUNK = 16 * 1024;
const CAP = 64 * 1024;

/** A chunked upload that would produce `totalBytes` if read to the end; counts what was pulled. */
function endlessUpload(totalBytes: number) {
  const seen = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(CHUNK).fill(0x61);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= totalBytes) return controller.close();
      seen.pulled += CHUNK;
      controller.enqueue(chunk);
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  const request = new Request('http://localhost:3000/api/auth/signin/entra', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, seen };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('readBodyCapped', () => {
  it('stops a 50 MB chunked upload at the cap without reading the rest', async () => {
    const { request, seen } = endlessUpload(50 * 1024 * 1024);
    const error = await refusal(readBodyCapped(request, CAP));
    expect(error.status).toBe(413);
    expect(seen.cancelled).toBe(true);
    // The stream may be one pull ahead of the reader (its queue), never more.
    expect(seen.pulled).toBeLessThanOrEqual(CAP + 2 * CHUNK);
  });

  it('refuses a declared Content-Length over the cap before reading any of it', async () => {
    const { request, seen } = endlessUpload(50 * 1024 * 1024);
    const declared = new Request(request, { headers: { 'content-length': String(50 * 1024 * 1024) } });
    const error = await refusal(readBodyCapped(declared, CAP));
    expect(error.status).toBe(413);
    // Building the Request may prime the stream's queue; nothing is read past that.
    expect(seen.pulled).toBeLessThanOrEqual(2 * CHUNK);
  });

  it('returns a body at or under the cap whole, across chunks', async () => {
    const { request } = endlessUpload(CAP);
    const bytes = await readBodyCapped(request, CAP);
    expect(bytes.byteLength).toBe(CAP);
    expect(bytes.every((b) => b === 0x61)).toBe(true);
  });
});

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
