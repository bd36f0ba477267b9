import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record } from '@/lib/server/audit';
import { AppError } from '@/lib/server/errors';
import { assertInvitationRate, secondsUntilAllowed } from './rate-limit';
import { testBackends, type TestDb } from './test-db';

const now = new Date('2026-12-01T08:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('secondsUntilAllowed', () => {
  it('allows up to 30 in 10 minutes', () => {
    expect(secondsUntilAllowed([], 30, now)).toBe(0);
    expect(
      secondsUntilAllowed(
        Array.from({ length: 29 }, () => ago(10)),
        1,
        now,
      ),
    ).toBe(0);
  });

  it('waits until enough of the oldest events leave the window', () => {
    const sent = [ago(590), ago(300), ...Array.from({ length: 28 }, () => ago(5))];
    expect(secondsUntilAllowed(sent, 1, now)).toBe(10); // the one 590 s ago frees a slot in 10 s
    expect(secondsUntilAllowed(sent, 2, now)).toBe(300);
    expect(secondsUntilAllowed(sent, 3, now)).toBe(595);
  });

  it('ignores events older than the window and refuses a request larger than the limit outright', () => {
    expect(
      secondsUntilAllowed(
        Array.from({ length: 50 }, () => ago(601)),
        30,
        now,
      ),
    ).toBe(0);
    expect(secondsUntilAllowed([], 31, now)).toBe(600);
  });
});

describe.each(testBackends(process.env.TEST_POSTGRES_URL))('assertInvitationRate on $name', ({ skip, open }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (!skip) t = await open();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.skipIf(skip)('counts created and resent invitations per employee from the audit trail', async () => {
    const actor = { kind: 'staff' as const, id: 'staff-a', name: 'A' };
    for (let i = 0; i < 20; i++) await record({ actor, action: 'share.created', at: ago(60) }, t.db);
    for (let i = 0; i < 10; i++) await record({ actor, action: 'share.resent', at: ago(120) }, t.db);
    // Neither other actions, other people, nor old events count.
    await record({ actor, action: 'share.revoked', at: ago(1) }, t.db);
    await record({ actor: { ...actor, id: 'staff-b' }, action: 'share.created', at: ago(1) }, t.db);
    await record({ actor, action: 'share.created', at: ago(700) }, t.db);

    const error = await assertInvitationRate(t.db, 'staff-a', 1, now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('rate_limited');
    expect((error as AppError).retryAfterSeconds).toBe(480);
    await expect(assertInvitationRate(t.db, 'staff-b', 29, now)).resolves.toBeUndefined();
    await expect(assertInvitationRate(t.db, 'staff-a', 1, new Date(now.getTime() + 481_000))).resolves.toBeUndefined();
  });
});
