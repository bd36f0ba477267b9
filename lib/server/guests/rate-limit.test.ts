import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/server/errors';
import { testBackends, type TestDb } from '@/lib/server/shares/test-db';
import { consumeRate } from './rate-limit';

const now = new Date('2026-11-30T12:00:00.000Z');
const message = (minutes: number) => `wait ${minutes}`;

describe.each(testBackends(process.env.TEST_POSTGRES_URL))('consumeRate on $name', ({ skip, open }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (!skip) t = await open();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.skipIf(skip)('lets exactly the limit through when 50 attempts arrive at once', async () => {
    const rule = { key: 'verify:ip:203.0.113.9', limit: 5, windowMs: 15 * 60_000 };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () => consumeRate(t.db, [rule], now, message)),
    );
    const passed = outcomes.filter((o) => o.status === 'fulfilled').length;
    const refused = outcomes.filter(
      (o) => o.status === 'rejected' && o.reason instanceof AppError && o.reason.code === 'rate_limited',
    ).length;
    expect({ passed, refused }).toEqual({ passed: 5, refused: 45 });
  });

  it.skipIf(skip)('holds every rule of a request together: a refused request counts under none', async () => {
    const perAddress = { key: 'sign-in:email:guest@example.com', limit: 3, windowMs: 15 * 60_000 };
    const perClient = { key: 'sign-in:ip:198.51.100.4', limit: 10, windowMs: 15 * 60_000 };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () => consumeRate(t.db, [perAddress, perClient], now, message)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    // The client's budget lost only the three that passed: seven more, for other addresses, still fit.
    const other = Array.from({ length: 7 }, (_, i) =>
      consumeRate(t.db, [{ ...perAddress, key: `sign-in:email:other${i}@example.com` }, perClient], now, message),
    );
    await expect(Promise.all(other)).resolves.toHaveLength(7);
    await expect(
      consumeRate(t.db, [{ ...perAddress, key: 'sign-in:email:one-more@example.com' }, perClient], now, message),
    ).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it.skipIf(skip)('tells how long until the oldest counted attempt leaves the window', async () => {
    const rule = { key: 'verify:ip:192.0.2.1', limit: 1, windowMs: 15 * 60_000 };
    await consumeRate(t.db, [rule], now, message);
    const later = new Date(now.getTime() + 5 * 60_000);
    await expect(consumeRate(t.db, [rule], later, message)).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 600,
      message: 'wait 10',
    });
  });

  it.skipIf(skip)('counts from the limit-th newest attempt when a key holds more than its limit', async () => {
    // More events than the limit: a lowered limit, or attempts counted under a larger one before.
    const key = 'guest-api:session:crowded';
    for (const m of [0, 1, 2])
      await consumeRate(
        t.db,
        [{ key, limit: 10, windowMs: 15 * 60_000 }],
        new Date(now.getTime() + m * 60_000),
        message,
      );
    const later = new Date(now.getTime() + 5 * 60_000);
    // With a limit of 2, the second newest (minute 1) has to leave the window: 11 minutes from minute 5.
    await expect(consumeRate(t.db, [{ key, limit: 2, windowMs: 15 * 60_000 }], later, message)).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 660,
    });
    // With room under the limit the attempt passes and is counted.
    await expect(
      consumeRate(t.db, [{ key, limit: 4, windowMs: 15 * 60_000 }], later, message),
    ).resolves.toBeUndefined();
    await expect(consumeRate(t.db, [{ key, limit: 4, windowMs: 15 * 60_000 }], later, message)).rejects.toMatchObject({
      code: 'rate_limited',
    });
  });
});
