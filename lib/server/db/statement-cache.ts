// No `server-only` here, like connect.ts: `npm run db:migrate` (plain Node) opens the database too.
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * better-sqlite3 behind Kysely with prepared statements kept and reused: Kysely's SQLite driver
 * prepares every query anew, and SQLite compiling the same handful of statements on each request
 * was a measurable part of the guest routes' CPU. Kysely's SQL text carries only placeholders, so
 * the distinct statements are few; the cap (least recently used out) bounds `in (?, ?, …)` lists.
 * Streaming (`iterate`) gets a statement of its own, since a cached one may be busy iterating.
 */
export function withStatementCache(db: SQLite.Database, max = 256): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql); // re-insert: most recently used last
      } else {
        stmt = db.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      const cached = stmt;
      return {
        reader: cached.reader,
        all: (parameters) => cached.all(...(parameters as unknown[])),
        run: (parameters) => cached.run(...(parameters as unknown[])),
        iterate: (parameters) => db.prepare(sql).iterate(...(parameters as unknown[])),
      };
    },
  };
}
