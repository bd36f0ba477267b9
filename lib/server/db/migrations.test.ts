import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, migrateToLatest } from './connect';
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
