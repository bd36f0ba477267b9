import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type MigrationResultSet,
} from 'kysely';
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

/**
 * Key of the session-level advisory lock held while migrating PostgreSQL ("vestibule-migrations"
 * as a number; any 64-bit value no other application in the database uses would do).
 */
export const MIGRATION_LOCK_KEY = 0x7665737469627563n;

/**
 * Applies every pending migration; throws with the failing migration's name if one fails.
 *
 * On PostgreSQL several app instances may start at once against one database. Kysely's migrator
 * locks only the migration step; creating its bookkeeping tables on a fresh database races (and is
 * papered over by a retry). Vestibule holds its own advisory lock, on one connection, around the
 * whole run: the second instance waits, then finds nothing to do. SQLite is one process's file.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return runMigrator(db);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      return await runMigrator(conn);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}

async function runMigrator(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed`, { cause: result.error });
  }
  return result;
}
