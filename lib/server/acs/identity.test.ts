import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, startTestEmulator, type TestEmulator } from '@/emulator/testing';
import { createIdentityClient, issueGuestIdentity } from './identity';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.stop();
});

describe('ACS identity client timeouts', () => {
  it('fails a stalled ACS within the attempt timeout (and its one retry), not after the stall', async () => {
    await admin(emu, 'POST', '/faults', { surface: 'acs', delayMs: 8_000, count: 2 });
    const client = createIdentityClient({
      connectionString: emu.connectionString,
      allowInsecureConnection: true,
      timeoutMs: 500,
    });
    const started = Date.now();
    const error = await issueGuestIdentity({ chat: false }, client).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(`${error?.name}: ${error?.message}`).toMatch(/abort|timeout/i);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('issues an identity when ACS answers', async () => {
    await admin(emu, 'DELETE', '/faults');
    const client = createIdentityClient({ connectionString: emu.connectionString, allowInsecureConnection: true });
    const issued = await issueGuestIdentity({ chat: false }, client);
    expect(issued.userId).toMatch(/^8:acs:/);
  });
});
