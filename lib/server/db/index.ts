import 'server-only';
import type { Kysely } from 'kysely';
import { getConfig } from '@/lib/config.js';
import { processSingleton } from '@/lib/server/process-singleton';
import { connect, migrateToLatest } from './connect';
import type { Database } from './schema';

export type { Database } from './schema';

// Shared by every bundle of the process (see process-singleton.ts): one connection pool, one migration run.
const state = processSingleton('database', () => ({ ready: undefined as Promise<Kysely<Database>> | undefined }));

/**
 * The app's database, migrated to the latest schema on first use (the server also calls this at
 * start-up from instrumentation.ts, so a broken database stops the process before it serves).
 */
export function getDb(): Promise<Kysely<Database>> {
  state.ready ??= (async () => {
    const db = connect(getConfig().database);
    await migrateToLatest(db);
    return db;
  })().catch((error: unknown) => {
    state.ready = undefined; // let the next request try again rather than caching the failure forever
    throw error;
  });
  return state.ready;
}

/**
 * Closes the connection pool (graceful shutdown): PostgreSQL sees each connection end cleanly instead
 * of a dropped socket, and SQLite checkpoints its write-ahead log. Later getDb() calls would reopen.
 */
export async function closeDb(): Promise<void> {
  const ready = state.ready;
  state.ready = undefined;
  if (!ready) return;
  const db = await ready.catch(() => undefined);
  await db?.destroy();
}
