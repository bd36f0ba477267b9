import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as RouteModule from './route';

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'vestibule-route-'));
process.env.APP_URL = 'http://localhost:3000';
process.env.LOG_LEVEL = 'silent';

let routeModule: typeof RouteModule;
beforeAll(async () => {
  routeModule = await import('./route');
});

const noParams = { params: Promise.resolve({}) };

function handler() {
  return routeModule.route(async ({ req }) => ({ got: await routeModule.readJson(req) }));
}

const post = (headers: Record<string, string>, body = '{"a":1}') =>
  new Request('http://localhost:3000/api/thing', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('route(): cross-site request refusal', () => {
  it('accepts a same-origin browser request', async () => {
    const res = await handler()(post({ 'sec-fetch-site': 'same-origin', origin: 'http://localhost:3000' }), noParams);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { a: 1 } });
  });

  it('refuses a POST from a sibling subdomain or another site, even with a session cookie', async () => {
    for (const headers of <Record<string, string>[]>[
      { 'sec-fetch-site': 'same-site', origin: 'http://evil.localhost:3000' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { origin: 'https://evil.example' },
    ]) {
      const res = await handler()(post({ ...headers, cookie: 'next-auth.session-token=x' }), noParams);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
  });

  it('lets GET through whatever its origin (reads change nothing)', async () => {
    const get = routeModule.route(() => Promise.resolve({ ok: true }));
    const res = await get(
      new Request('http://localhost:3000/api/x', {
        headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      }),
      noParams,
    );
    expect(res.status).toBe(200);
  });
});

describe('readJson', () => {
  it('refuses a body that does not say it is JSON (what a text/plain form would send)', async () => {
    const res = await handler()(post({ 'content-type': 'text/plain', 'sec-fetch-site': 'same-origin' }), noParams);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('must be JSON');
  });

  it('refuses an oversized body before parsing it', async () => {
    const big = JSON.stringify({ x: 'é'.repeat(40_000) }); // 80 KB in UTF-8, under 64 K characters
    const res = await handler()(post({ 'sec-fetch-site': 'same-origin' }, big), noParams);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('too large');
  });

  it('stops reading a chunked body at the cap (413) instead of buffering all of it', async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 50 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const req = new Request('http://localhost:3000/api/thing', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body,
      duplex: 'half',
    } as RequestInit);
    const res = await handler()(req, noParams);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(64 * 1024 + 2 * chunk.byteLength);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await handler()(post({ 'sec-fetch-site': 'same-origin' }, '{"a":'), noParams);
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});
