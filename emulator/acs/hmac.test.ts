import { createHash, createHmac } from 'node:crypto';

import { createCommunicationAccessKeyCredentialPolicy } from '@azure/communication-common';
import { describe, expect, it } from 'vitest';

import { DEV_ONLY_ACS_ACCESS_KEY } from '../constants';
import { verifyHmac } from './hmac';

// The published recipe (ACS REST docs, "Sign an HTTP request with HMAC"), written out independently.
function recipe(key: string, method: string, pathAndQuery: string, host: string, body: string, date: string) {
  const hash = createHash('sha256').update(body).digest('base64');
  const toSign = `${method}\n${pathAndQuery}\n${date};${host};${hash}`;
  const sig = createHmac('sha256', Buffer.from(key, 'base64')).update(toSign).digest('base64');
  return {
    'x-ms-date': date,
    host,
    'x-ms-content-sha256': hash,
    authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${sig}`,
  };
}

const PATH = '/identities?api-version=2023-10-01';
const BODY = '{"createTokenWithScopes":["voip"]}';

describe('HMAC-SHA256 verifier', () => {
  it('accepts a request signed with the published recipe', () => {
    const headers = recipe(DEV_ONLY_ACS_ACCESS_KEY, 'POST', PATH, 'localhost:4010', BODY, new Date().toUTCString());
    expect(
      verifyHmac({ method: 'POST', pathAndQuery: PATH, headers, body: Buffer.from(BODY) }, DEV_ONLY_ACS_ACCESS_KEY),
    ).toEqual({ ok: true });
  });

  it('accepts what the SDK policy signs (@azure/communication-common)', async () => {
    const policy = createCommunicationAccessKeyCredentialPolicy({ key: DEV_ONLY_ACS_ACCESS_KEY });
    const headers = new Map<string, string>();
    const request = {
      method: 'POST',
      url: `http://localhost:4010/identities/8%3Aacs%3Aabc_123/:issueAccessToken?api-version=2023-10-01`,
      body: BODY,
      headers: { set: (k: string, v: string) => headers.set(k.toLowerCase(), v) },
    };
    await policy.sendRequest(request as never, () => Promise.resolve({} as never));
    const result = verifyHmac(
      {
        method: 'POST',
        pathAndQuery: '/identities/8%3Aacs%3Aabc_123/:issueAccessToken?api-version=2023-10-01',
        headers: Object.fromEntries(headers),
        body: Buffer.from(BODY),
      },
      DEV_ONLY_ACS_ACCESS_KEY,
    );
    expect(result).toEqual({ ok: true });
  });

  it('refuses a date more than 15 minutes away, accepts 14', () => {
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toUTCString();
    for (const [minutes, ok] of [
      [-16, false],
      [16, false],
      [-14, true],
      [14, true],
    ] as const) {
      const headers = recipe(DEV_ONLY_ACS_ACCESS_KEY, 'POST', PATH, 'localhost:4010', BODY, at(minutes));
      const r = verifyHmac(
        { method: 'POST', pathAndQuery: PATH, headers, body: Buffer.from(BODY) },
        DEV_ONLY_ACS_ACCESS_KEY,
      );
      expect(r.ok, `skew ${minutes} min`).toBe(ok);
    }
  });

  it('refuses a body that does not match x-ms-content-sha256', () => {
    const headers = recipe(DEV_ONLY_ACS_ACCESS_KEY, 'POST', PATH, 'localhost:4010', BODY, new Date().toUTCString());
    const r = verifyHmac(
      { method: 'POST', pathAndQuery: PATH, headers, body: Buffer.from('{"createTokenWithScopes":["chat"]}') },
      DEV_ONLY_ACS_ACCESS_KEY,
    );
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toContain('x-ms-content-sha256');
  });

  it('refuses another key, another path, another method, another host, and no header', () => {
    const date = new Date().toUTCString();
    const other = Buffer.alloc(64, 7).toString('base64');
    const signed = recipe(other, 'POST', PATH, 'localhost:4010', BODY, date);
    const body = Buffer.from(BODY);
    expect(verifyHmac({ method: 'POST', pathAndQuery: PATH, headers: signed, body }, DEV_ONLY_ACS_ACCESS_KEY).ok).toBe(
      false,
    );
    const good = recipe(DEV_ONLY_ACS_ACCESS_KEY, 'POST', PATH, 'localhost:4010', BODY, date);
    expect(
      verifyHmac(
        { method: 'POST', pathAndQuery: '/identities?api-version=2025-06-30', headers: good, body },
        DEV_ONLY_ACS_ACCESS_KEY,
      ).ok,
    ).toBe(false);
    expect(verifyHmac({ method: 'PUT', pathAndQuery: PATH, headers: good, body }, DEV_ONLY_ACS_ACCESS_KEY).ok).toBe(
      false,
    );
    expect(
      verifyHmac(
        { method: 'POST', pathAndQuery: PATH, headers: { ...good, host: 'localhost:4011' }, body },
        DEV_ONLY_ACS_ACCESS_KEY,
      ).ok,
    ).toBe(false);
    expect(
      verifyHmac(
        { method: 'POST', pathAndQuery: PATH, headers: { ...good, authorization: undefined }, body },
        DEV_ONLY_ACS_ACCESS_KEY,
      ).ok,
    ).toBe(false);
    expect(verifyHmac({ method: 'POST', pathAndQuery: PATH, headers: good, body }, DEV_ONLY_ACS_ACCESS_KEY).ok).toBe(
      true,
    );
  });
});
