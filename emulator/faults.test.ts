import { describe, expect, it } from 'vitest';

import { FaultSchema, Faults } from './faults';

describe('fault injection', () => {
  it('applies to the next N matching requests, then stops', () => {
    const f = new Faults();
    f.add({ surface: 'graph', status: 503, count: 2 });
    expect(f.take('acs', '/identities')).toBeUndefined();
    expect(f.take('graph', '/graph/v1.0/me')).toEqual({ status: 503, delayMs: 0, retryAfterSeconds: undefined });
    expect(f.list()[0]?.remaining).toBe(1);
    expect(f.take('graph', '/graph/v1.0/me')?.status).toBe(503);
    expect(f.take('graph', '/graph/v1.0/me')).toBeUndefined();
    expect(f.list()).toEqual([]);
  });

  it('turns retryAfterSeconds into a 429 with that Retry-After', () => {
    const f = new Faults();
    f.add({ surface: 'graph', retryAfterSeconds: 3, count: 1 });
    expect(f.take('graph', '/graph/v1.0/me')).toEqual({ status: 429, delayMs: 0, retryAfterSeconds: 3 });
  });

  it('honours pathPrefix and keeps faults in order', () => {
    const f = new Faults();
    f.add({ surface: 'acs', status: 500, count: 1, pathPrefix: '/teamsUser' });
    f.add({ surface: 'acs', delayMs: 10, count: 1 });
    expect(f.take('acs', '/identities')).toEqual({ status: undefined, delayMs: 10, retryAfterSeconds: undefined });
    expect(f.take('acs', '/identities')).toBeUndefined();
    expect(f.take('acs', '/teamsUser/:exchangeAccessToken')?.status).toBe(500);
  });

  it('clear() removes every fault', () => {
    const f = new Faults();
    f.add({ surface: 'oidc', status: 500, count: 5 });
    f.clear();
    expect(f.take('oidc', '/oidc/token')).toBeUndefined();
  });

  it('validates input: a count and at least one effect', () => {
    expect(FaultSchema.safeParse({ surface: 'graph', count: 1 }).success).toBe(false);
    expect(FaultSchema.safeParse({ surface: 'graph', status: 503 }).success).toBe(false);
    expect(FaultSchema.safeParse({ surface: 'teams', status: 503, count: 1 }).success).toBe(false);
    expect(FaultSchema.safeParse({ surface: 'mail', delayMs: 5, count: 1 }).success).toBe(true);
  });
});
