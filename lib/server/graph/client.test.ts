import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestUser, graphTokenFor, startTestEmulator, type TestEmulator } from '@/emulator/testing';
import type * as ClientModule from './client';

let emu: TestEmulator;
let token: string;
let client: typeof ClientModule;

beforeAll(async () => {
  emu = await startTestEmulator();
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'vestibule-graph-client-'));
  process.env.EMULATOR_URL = emu.url;
  process.env.LOG_LEVEL = 'silent';
  client = await import('./client');
  const user = await createTestUser(emu, 'Gina Graph');
  token = await graphTokenFor(emu, { username: user.upn, password: user.password });
});
afterAll(async () => {
  await emu?.stop();
});

describe('graphClient deadline', () => {
  it('turns a stalled Graph into upstream_unavailable within the deadline', async () => {
    await admin(emu, 'POST', '/faults', { surface: 'graph', delayMs: 8_000, count: 2 });
    const graph = client.graphClient(() => Promise.resolve(token), { deadlineMs: 600 });
    const started = Date.now();
    const error = await graph
      .api('/me')
      .get()
      .then(
        () => undefined,
        (e: unknown) => client.graphFailure(e),
      );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error?.code).toBe('upstream_unavailable');
    expect(error?.message).toContain('did not answer in time');
  });

  it('answers normally when Graph does', async () => {
    await admin(emu, 'DELETE', '/faults');
    const graph = client.graphClient(() => Promise.resolve(token), { deadlineMs: 5_000 });
    const me = (await graph.api('/me').get()) as { displayName: string };
    expect(me.displayName).toBe('Gina Graph');
  });
});
