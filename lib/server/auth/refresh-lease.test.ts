import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, migrateToLatest } from '@/lib/server/db/connect';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/server/db';
import { LEASE_MS, withRefreshLease } from './refresh-lease';

// Two app instances share one database, nothing else: each call below stands for an instance (no
// shared process state), as when a person's two requests land on two instances at once.
let db: Kysely<Database>;

beforeAll(async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'vestibule-lease-')), 'test.db');
  db = connect({ kind: 'sqlite', url: `file:${file}`, file });
  await migrateToLatest(db);
});
afterAll(() => db.destroy());

async function session(): Promise<string> {
  const id = `s-${Math.random().toString(36).slice(2)}`;
  const now = new Date().toISOString();
  await db
    .insertInto('staff_sessions')
    .values({
      id,
      user_id: 'u',
      tenant_id: 't',
      name: 'Adele',
      email: 'adele@contoso.test',
      access_token_sealed: 'old',
      refresh_token_sealed: 'rt-1',
      access_token_expires_at: now,
      created_at: now,
      updated_at: now,
      expires_at: now,
    })
    .execute();
  return id;
}

/** A rotating refresh token as the emulator's (and oidc-provider's) issuer treats it: usable once. */
function rotatingIssuer() {
  const used = new Set<string>();
  let redemptions = 0;
  return {
    get redemptions() {
      return redemptions;
    },
    async redeem(token: string): Promise<string> {
      redemptions++;
      if (used.has(token)) throw new Error('invalid_grant: refresh token already used');
      used.add(token);
      await new Promise((r) => setTimeout(r, 200)); // the round trip to Entra
      return `${token}+`;
    },
  };
}

describe('the refresh lease', () => {
  it('lets one of two instances redeem the refresh token; the other waits and then reads the result', async () => {
    const id = await session();
    const issuer = rotatingIssuer();
    const instance = async () => {
      const outcome = await withRefreshLease(
        id,
        async () => {
          const row = await db.selectFrom('staff_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
          const next = await issuer.redeem(row.refresh_token_sealed!);
          await db.updateTable('staff_sessions').set({ refresh_token_sealed: next }).where('id', '=', id).execute();
          return next;
        },
        { db },
      );
      const row = await db.selectFrom('staff_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return { ran: outcome.ran, token: row.refresh_token_sealed };
    };
    const [first, second] = await Promise.all([instance(), instance()]);
    expect(issuer.redemptions).toBe(1);
    expect([first.ran, second.ran].sort()).toEqual([false, true]);
    // The waiting instance returned only after the refresh was stored: it sees the rotated token.
    expect(first.token).toBe('rt-1+');
    expect(second.token).toBe('rt-1+');
  });

  it('is released when the refresh fails, so the next request can try again', async () => {
    const id = await session();
    await expect(withRefreshLease(id, () => Promise.reject(new Error('Entra unreachable')), { db })).rejects.toThrow(
      'Entra unreachable',
    );
    expect(await withRefreshLease(id, () => Promise.resolve('ok'), { db })).toEqual({ ran: true, value: 'ok' });
  });

  it('runs out when the instance holding it died, so nobody waits for ever', async () => {
    const id = await session();
    // An instance took the lease and was killed before releasing it.
    await db
      .updateTable('staff_sessions')
      .set({ refresh_lease_until: new Date(Date.now() + LEASE_MS).toISOString() })
      .where('id', '=', id)
      .execute();
    let clock = Date.now();
    const waited = await withRefreshLease(id, () => Promise.resolve('mine'), {
      db,
      now: () => new Date(clock),
      sleep: (ms) => {
        clock += ms;
        return Promise.resolve();
      },
    });
    expect(waited).toEqual({ ran: false });
    expect(clock - Date.now()).toBeGreaterThanOrEqual(LEASE_MS - 1000);
    expect(await withRefreshLease(id, () => Promise.resolve('mine'), { db, now: () => new Date(clock + 1) })).toEqual({
      ran: true,
      value: 'mine',
    });
  });
});
