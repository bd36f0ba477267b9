import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, migrateToLatest, MIGRATION_LOCK_KEY } from './connect';
import { migrations } from './migrations';
import type { Database } from './schema';

const postgresUrl = process.env.TEST_POSTGRES_URL;

/** A fresh PostgreSQL database per run, dropped afterwards. */
async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  const name = `vestibule_test_${randomUUID().replaceAll('-', '')}`;
  await admin.query(`create database ${name}`);
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const backends: { name: string; open: () => Promise<{ db: Kysely<Database>; close: () => Promise<void> }> }[] = [
  {
    name: 'SQLite',
    open: () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'vestibule-db-')), 'test.db');
      const db = connect({ kind: 'sqlite', url: `file:${file}`, file });
      return Promise.resolve({ db, close: () => db.destroy() });
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const { url, drop } = await freshPostgres();
      const db = connect({ kind: 'postgres', url });
      return {
        db,
        close: async () => {
          await db.destroy();
          await drop();
        },
      };
    },
  },
];

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

if (!postgresUrl)
  console.warn(
    'TEST_POSTGRES_URL is not set: the PostgreSQL migration tests are skipped (run through `npm run test:unit`).',
  );

describe.each(backends)('migrations on $name', ({ name, open }) => {
  const skip = name === 'PostgreSQL' && !postgresUrl;

  it.skipIf(skip)('apply every migration once, then are a no-op', async () => {
    const { db, close } = await open();
    closers.push(close);
    const first = await migrateToLatest(db);
    expect(first.results?.map((r) => [r.migrationName, r.status])).toEqual(
      Object.keys(migrations).map((n) => [n, 'Success']),
    );
    const second = await migrateToLatest(db);
    expect(second.results).toEqual([]);
  });

  it.skipIf(skip)('create a schema the same queries read and write identically', async () => {
    const { db, close } = await open();
    closers.push(close);
    await migrateToLatest(db);
    const now = new Date().toISOString();
    const row = {
      id: 's1',
      user_id: 'u1',
      tenant_id: 't1',
      name: 'Adele Vance',
      email: 'adele@contoso.test',
      access_token_sealed: 'sealed',
      refresh_token_sealed: null,
      access_token_expires_at: now,
      created_at: now,
      updated_at: now,
      expires_at: now,
      refresh_lease_until: null,
    };
    await db.insertInto('staff_sessions').values(row).execute();
    const read = await db
      .selectFrom('staff_sessions')
      .selectAll()
      .where('user_id', '=', 'u1')
      .executeTakeFirstOrThrow();
    expect(read).toEqual(row);
    // ISO-8601 text compares chronologically in both databases.
    const later = await db
      .selectFrom('staff_sessions')
      .select('id')
      .where('expires_at', '<', new Date(Date.now() + 1000).toISOString())
      .execute();
    expect(later).toEqual([{ id: 's1' }]);
    await expect(db.insertInto('staff_sessions').values(row).execute()).rejects.toThrow();
    const { rows } = await sql<{ n: number }>`select count(*) as n from staff_sessions`.execute(db);
    expect(Number(rows[0]?.n)).toBe(1);
  });
});

describe('migrations with two instances starting at once', () => {
  it.skipIf(!postgresUrl)('apply each migration exactly once on PostgreSQL, neither instance failing', async () => {
    const { url, drop } = await freshPostgres();
    // Two pools, as two app processes have: each migrator runs on its own connections.
    const first = connect({ kind: 'postgres', url });
    const second = connect({ kind: 'postgres', url });
    closers.push(async () => {
      await first.destroy();
      await second.destroy();
      await drop();
    });
    const results = await Promise.all([migrateToLatest(first), migrateToLatest(second)]);
    const applied = results.flatMap((r) => r.results ?? []).map((r) => [r.migrationName, r.status]);
    expect(applied).toEqual(Object.keys(migrations).map((n) => [n, 'Success']));
    // The lock is released: a third start neither waits nor migrates.
    expect((await migrateToLatest(first)).results).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(*) as n from pg_locks where locktype = 'advisory'`.execute(
      first,
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });
});

describe('the migration lock', () => {
  it.skipIf(!postgresUrl)('makes a starting instance wait while another one migrates', async () => {
    const { url, drop } = await freshPostgres();
    const db = connect({ kind: 'postgres', url });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    closers.push(async () => {
      await holder.end().catch(() => undefined);
      await db.destroy();
      await drop();
    });
    // Another instance is migrating (holds the lock): this one must not touch the schema meanwhile.
    await holder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    let settled = false;
    const migrating = migrateToLatest(db).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 1500));
    expect(settled).toBe(false);
    const { rows } = await holder.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_name = 'kysely_migration'",
    );
    expect(Number(rows[0]?.n)).toBe(0);
    await holder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    expect((await migrating).results?.length).toBe(Object.keys(migrations).length);
  });
});
