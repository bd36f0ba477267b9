import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, startTestEmulator, type TestEmulator } from '@/emulator/testing';
import { createMailTransport } from './transport';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.stop();
});

const message = { from: 'no-reply@contoso.test', to: 'guest@fabrikam.test', subject: 'Hi', text: 'Hello' };

describe('createMailTransport', () => {
  it('gives up on a relay that stalls, within the socket timeout, with a timeout error', async () => {
    // The relay accepts the message, then says nothing for 8 s.
    await admin(emu, 'POST', '/faults', { surface: 'mail', delayMs: 8_000, count: 1 });
    const transport = createMailTransport(`smtp://localhost:${emu.smtpPort}`, { socketMs: 700 });
    const started = Date.now();
    const error = await transport.sendMail(message).then(
      () => undefined,
      (e: unknown) => e as { code?: string },
    );
    const elapsed = Date.now() - started;
    expect(error?.code).toBe('ETIMEDOUT');
    expect(elapsed).toBeLessThan(4_000);
    transport.close();
  });

  it('delivers through the same URL when the relay answers', async () => {
    await admin(emu, 'DELETE', '/faults');
    const transport = createMailTransport(`smtp://localhost:${emu.smtpPort}`, { socketMs: 700 });
    const info = (await transport.sendMail(message)) as { accepted: string[] };
    expect(info.accepted).toEqual(['guest@fabrikam.test']);
    transport.close();
  });
});
