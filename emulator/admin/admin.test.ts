import { request } from 'node:http';

import { CommunicationIdentityClient } from '@azure/communication-identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ADMIN_HEADER, ADMIN_REQUEST_HEADERS } from '../constants';
import { MAX_BODY_BYTES } from '../http';
import { connectAndJoin } from '../calling/client';
import { END } from '../../lib/contracts/calling-protocol';
import { admin, startTestEmulator, TEST_APP_ORIGIN, type TestEmulator } from '../testing';

/** A raw request, so the test controls every header (fetch won't let a caller set Host). */
function raw(
  emu: { url: string },
  opts: { method: string; path: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const { port } = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method, path: opts.path, headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('admin API is safe on a developer machine', () => {
  let emu: TestEmulator;
  const users = async () => (await admin<{ value: Array<{ upn: string }> }>(emu, 'GET', '/users')).body.value;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => {
    await emu.stop();
  });

  it('refuses the no-cors text/plain post any web page can send, and creates nobody', async () => {
    const upn = 'drive-by@contoso.test';
    // Exactly what `fetch(url, {mode: 'no-cors', method: 'POST', headers: {'content-type': 'text/plain'}})` sends.
    const res = await fetch(`${emu.url}/admin/users`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: JSON.stringify({ displayName: 'Drive-by', upn, password: 'x' }),
    });
    expect(res.status).toBe(403);
    // The admin header alone is not enough either: a write must declare JSON.
    const plain = await fetch(`${emu.url}/admin/users`, {
      method: 'POST',
      headers: { [ADMIN_HEADER]: '1', 'content-type': 'text/plain' },
      body: JSON.stringify({ displayName: 'Drive-by', upn, password: 'x' }),
    });
    expect(plain.status).toBe(403);
    expect((await users()).map((u) => u.upn)).not.toContain(upn);
  });

  it('refuses the CORS preflight a browser needs before sending the admin header', async () => {
    const res = await fetch(`${emu.url}/admin/users`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': `${ADMIN_HEADER},content-type`,
      },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('refuses requests whose Host is not a loopback name (DNS rebinding)', async () => {
    const rebound = await raw(emu, {
      method: 'POST',
      path: '/admin/users',
      headers: { ...ADMIN_REQUEST_HEADERS, host: `attacker.example:${new URL(emu.url).port}` },
      body: JSON.stringify({ displayName: 'Rebound', upn: 'rebound@contoso.test', password: 'x' }),
    });
    expect(rebound.status).toBe(403);
    expect((await users()).map((u) => u.upn)).not.toContain('rebound@contoso.test');
    const viaIp = await raw(emu, {
      method: 'GET',
      path: '/admin/users',
      headers: { [ADMIN_HEADER]: '1', host: `127.0.0.1:${new URL(emu.url).port}` },
    });
    expect(viaIp.status).toBe(200);
  });

  it('answers an oversized body with 413, not a reset connection', async () => {
    const big = JSON.stringify({
      displayName: 'x'.repeat(MAX_BODY_BYTES + 10),
      upn: 'big@contoso.test',
      password: 'x',
    });
    const res = await fetch(`${emu.url}/admin/users`, { method: 'POST', headers: ADMIN_REQUEST_HEADERS, body: big });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'RequestEntityTooLarge' } });
    // The server keeps serving.
    expect((await admin(emu, 'GET', '/users')).status).toBe(200);
  });

  it('serves a well-formed admin call', async () => {
    const r = await admin(emu, 'POST', '/users', { displayName: 'Fine', upn: 'fine@contoso.test', password: 'pw' });
    expect(r.status).toBe(201);
  });
});

describe('admin meetings', () => {
  let emu: TestEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => {
    await emu.stop();
  });

  it('DELETE /admin/meetings/{id} makes its link invalid: a join ends as an invalid meeting; a second delete is 404', async () => {
    const organizer = await admin<{ id: string }>(emu, 'POST', '/users', {
      displayName: 'Deleting Organizer',
      upn: 'deleting@contoso.test',
      password: 'pw',
    });
    const start = Date.now();
    const meeting = await admin<{ id: string; joinWebUrl: string }>(emu, 'POST', '/meetings', {
      organizer: organizer.body.id,
      subject: 'Soon gone',
      startDateTime: new Date(start).toISOString(),
      endDateTime: new Date(start + 3_600_000).toISOString(),
      lobbyBypassScope: 'everyone',
    });
    const path = `/meetings/${encodeURIComponent(meeting.body.id)}`;
    expect((await admin(emu, 'DELETE', path)).status).toBe(204);
    expect((await admin(emu, 'DELETE', path)).status).toBe(404);

    const identity = new CommunicationIdentityClient(emu.connectionString, { allowInsecureConnection: true });
    const guest = await identity.createUserAndToken(['voip']);
    const { client, first } = await connectAndJoin(
      `${emu.url.replace(/^http/, 'ws')}/calling`,
      { token: guest.token, meeting: { joinUrl: meeting.body.joinWebUrl } },
      { origin: TEST_APP_ORIGIN },
    );
    client.drop();
    expect(first).toMatchObject({
      type: 'ended',
      code: END.invalidMeeting.code,
      subCode: END.invalidMeeting.subCode,
    });
  });
});
