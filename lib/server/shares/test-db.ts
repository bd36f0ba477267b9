/**
 * Test support (imported only by *.test.ts): fresh, migrated databases of both kinds, like
 * lib/server/db/migrations.test.ts. PostgreSQL runs when the test passes TEST_POSTGRES_URL (set by
 * `npm run test:unit`); test files read it because only they may read the environment.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { connect, migrateToLatest } from '@/lib/server/db/connect';
import type { Database } from '@/lib/server/db/schema';

export interface TestDb {
  db: Kysely<Database>;
  close(): Promise<void>;
}

async function openSqlite(): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vestibule-shares-'));
  const file = path.join(dir, 'test.db');
  const db = connect({ kind: 'sqlite', url: `file:${file}`, file });
  await migrateToLatest(db);
  return {
    db,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(postgresUrl: string): Promise<TestDb> {
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  const name = `vestibule_test_${randomUUID().replaceAll('-', '')}`;
  await admin.query(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const db = connect({ kind: 'postgres', url: url.toString() });
  await migrateToLatest(db);
  return {
    db,
    close: async () => {
      await db.destroy();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export function testBackends(postgresUrl: string | undefined) {
  return [
    { name: 'SQLite', skip: false, open: openSqlite },
    { name: 'PostgreSQL', skip: !postgresUrl, open: () => openPostgres(postgresUrl ?? '') },
  ];
}
