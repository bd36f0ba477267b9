import { CommunicationIdentityClient } from '@azure/communication-identity';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oidc from 'openid-client';

import { ADMIN_REQUEST_HEADERS, DEV_PASSWORD } from './constants';
import { isLoopback } from './http';
import { admin, createTestUser, signIn, startTestEmulator, type TestEmulator } from './testing';

describe('emulator process', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => {
    await emu.stop();
  });

  it('GET /health reports every surface up', async () => {
    const res = await fetch(`${emu.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      surfaces: { oidc: 'up', graph: 'up', acs: 'up', mail: 'up', calling: 'up' },
    });
    expect(emu.url).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it('answers unknown paths with 404 JSON', async () => {
    const res = await fetch(`${emu.url}/nope`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NotFound');
  });

  it('seeds Adele with upcoming Teams meetings, one with lobby bypass everyone', async () => {
    const r = await signIn(emu, { username: 'adele@contoso.test', password: DEV_PASSWORD });
    if (!r.ok) throw new Error('seed sign-in failed');
    const start = new Date().toISOString();
    const end = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const res = await fetch(`${emu.url}/graph/v1.0/me/calendarView?startDateTime=${start}&endDateTime=${end}`, {
      headers: { authorization: `Bearer ${r.tokens.access_token}` },
    });
    const events = (
      (await res.json()) as { value: Array<{ isOnlineMeeting: boolean; onlineMeeting: { joinUrl: string } }> }
    ).value;
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.every((e) => e.isOnlineMeeting)).toBe(true);
    const scopes: string[] = [];
    for (const e of events) {
      const q = encodeURIComponent(`JoinWebUrl eq '${e.onlineMeeting.joinUrl}'`);
      const m = await fetch(`${emu.url}/graph/v1.0/me/onlineMeetings?$filter=${q}`, {
        headers: { authorization: `Bearer ${r.tokens.access_token}` },
      });
      const v = ((await m.json()) as { value: Array<{ lobbyBypassSettings: { scope: string } }> }).value;
      scopes.push(v[0]!.lobbyBypassSettings.scope);
    }
    expect(scopes).toContain('everyone');
    expect(scopes).toContain('organization');
  });

  it('admin validates input and reports conflicts', async () => {
    expect((await admin(emu, 'POST', '/users', { displayName: 'X', upn: 'not-an-email', password: 'p' })).status).toBe(
      400,
    );
    const bad = await fetch(`${emu.url}/admin/users`, {
      method: 'POST',
      headers: ADMIN_REQUEST_HEADERS,
      body: '{oops',
    });
    expect(bad.status).toBe(400);
    expect(
      (await admin(emu, 'POST', '/users', { displayName: 'Dup', upn: 'adele@contoso.test', password: 'p' })).status,
    ).toBe(409);
    expect(
      (
        await admin(emu, 'POST', '/meetings', {
          organizer: 'nobody@contoso.test',
          startDateTime: new Date().toISOString(),
          endDateTime: new Date().toISOString(),
        })
      ).status,
    ).toBe(404);
  });

  it('an injected ACS fault answers in ACS shape; delay-only faults pass through', async () => {
    await admin(emu, 'POST', '/faults', { surface: 'acs', status: 503, count: 1 });
    const client = new CommunicationIdentityClient(emu.connectionString, {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    });
    await expect(client.createUser()).rejects.toMatchObject({ statusCode: 503, code: 'ServiceNotAvailable' });
    await admin(emu, 'POST', '/faults', { surface: 'acs', delayMs: 150, count: 1 });
    const t0 = Date.now();
    await client.createUser();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect((await admin<{ value: unknown[] }>(emu, 'GET', '/faults')).body.value).toEqual([]);
  });

  it('an injected OIDC fault answers in OAuth shape', async () => {
    await admin(emu, 'POST', '/faults', { surface: 'oidc', status: 503, count: 1, pathPrefix: '/oidc/token' });
    const res = await fetch(`${emu.url}/oidc/token`, { method: 'POST' });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: 'temporarily_unavailable' });
  });

  it('the admin API refuses non-loopback clients', () => {
    const fake = (remoteAddress: string) => ({ socket: { remoteAddress } }) as unknown as IncomingMessage;
    expect(isLoopback(fake('127.0.0.1'))).toBe(true);
    expect(isLoopback(fake('::1'))).toBe(true);
    expect(isLoopback(fake('::ffff:127.0.0.1'))).toBe(true);
    expect(isLoopback(fake('192.168.1.20'))).toBe(false);
    expect(isLoopback(fake('10.0.0.1'))).toBe(false);
  });
});

describe('persistence and reset', () => {
  it('keeps users, refresh tokens and ACS identities across a restart; reset goes back to the seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vestibule-emulator-persist-'));
    try {
      let emu = await startTestEmulator(dir);
      const user = await createTestUser(emu, 'Persistent');
      const r = await signIn(emu, { username: user.upn, password: user.password });
      if (!r.ok) throw new Error('sign-in failed');
      const acs = new CommunicationIdentityClient(emu.connectionString, { allowInsecureConnection: true });
      const { token } = await acs.createUserAndToken(['voip']);
      await emu.stop();

      emu = await startTestEmulator(dir);
      // Port changed (port 0), so the issuer changed: discover again, then refresh the old token.
      const again = await signIn(emu, { username: user.upn, password: user.password });
      expect(again.ok).toBe(true);
      expect((await emu.verifyAcsToken(token)).ok).toBe(true);

      expect((await admin(emu, 'POST', '/reset')).status).toBe(204);
      const gone = await signIn(emu, { username: user.upn, password: user.password });
      expect(gone.ok).toBe(false);
      expect((await emu.verifyAcsToken(token)).ok).toBe(false);
      expect((await signIn(emu, { username: 'megan@contoso.test', password: DEV_PASSWORD })).ok).toBe(true);
      await emu.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a refresh token usable across a restart on the same port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vestibule-emulator-refresh-'));
    try {
      let emu = await startTestEmulator(dir);
      const port = Number(new URL(emu.url).port);
      const user = await createTestUser(emu);
      const r = await signIn(emu, { username: user.upn, password: user.password });
      if (!r.ok) throw new Error('sign-in failed');
      await emu.stop();
      // Let fetch's keep-alive pool notice the old server's sockets closed before reusing the port.
      await new Promise((r) => setTimeout(r, 100));
      const { startEmulator } = await import('./index');
      const restarted = await startEmulator({
        port,
        smtpPort: 0,
        dataDir: dir,
        quiet: true,
        appOrigins: ['http://localhost:3999'],
      });
      emu = { ...restarted, dataDir: dir, stop: () => restarted.close() };
      const refreshed = await oidc.refreshTokenGrant(r.config, r.tokens.refresh_token!);
      expect(refreshed.access_token).toBeTruthy();
      await emu.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
