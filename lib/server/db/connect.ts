import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import type { Config } from '@/lib/config.js';
import { migrations } from './migrations';
import { withStatementCache } from './statement-cache';
import type { Database } from './schema';

export type DatabaseConfig = Config['database'];

/** Opens a database of either kind. The rest of the code sees one Kysely<Database>. */
export function connect(database: DatabaseConfig): Kysely<Database> {
  if (database.kind === 'sqlite') {
    mkdirSync(path.dirname(database.file), { recursive: true });
    const sqlite = new SQLite(database.file);
    // WAL lets the health check and the app read while a write is in progress; foreign keys are off
    // by default in SQLite and on in PostgreSQL, so turn them on to behave the same.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  }
  const pool = new pg.Pool({ connectionString: database.url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle pooled connection that the server closes (restart, failover, admin termination) emits
  // 'error' on the pool; unhandled, that would crash the whole process. The pool drops the client and
  // the next query opens a new one, so noting it is enough.
  pool.on('error', (error) => {
    console.warn(
      `PostgreSQL closed an idle connection (${(error as { code?: string }).code ?? error.message}); it will be replaced.`,
    );
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Applies every pending migration; throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed`, { cause: result.error });
  }
  return result;
}
