import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type Generated } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withStatementCache } from './statement-cache';

interface Db {
  notes: { id: Generated<number>; body: string };
}

let sqlite: SQLite.Database;
afterEach(() => sqlite?.close());

function open(max?: number) {
  sqlite = new SQLite(':memory:');
  sqlite.exec('create table notes (id integer primary key, body text not null)');
  const prepare = vi.spyOn(sqlite, 'prepare');
  const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, max) }) });
  return { db, prepare };
}

describe('prepared statements kept for Kysely on SQLite', () => {
  it('compiles a repeated query once and still answers each call with its own parameters', async () => {
    const { db, prepare } = open();
    for (const body of ['a', 'b', 'c']) await db.insertInto('notes').values({ body }).execute();
    const find = (body: string) => db.selectFrom('notes').select('id').where('body', '=', body).executeTakeFirst();
    expect(await find('b')).toEqual({ id: 2 });
    expect(await find('c')).toEqual({ id: 3 });
    expect(await find('z')).toBeUndefined();
    // One insert statement and one select statement, however often they ran.
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it('reports writes (affected rows) as Kysely expects', async () => {
    const { db } = open();
    await db
      .insertInto('notes')
      .values([{ body: 'x' }, { body: 'x' }])
      .execute();
    const result = await db.updateTable('notes').set({ body: 'y' }).where('body', '=', 'x').executeTakeFirst();
    expect(result.numUpdatedRows).toBe(2n);
  });

  it('keeps at most `max` statements, dropping the least recently used', async () => {
    const { db, prepare } = open(2);
    const q1 = () => db.selectFrom('notes').select('id').execute();
    const q2 = () => db.selectFrom('notes').select('body').execute();
    const q3 = () => db.selectFrom('notes').selectAll().execute();
    await q1();
    await q2();
    await q1(); // q1 is now the most recent: q3 pushes q2 out
    await q3();
    await q1();
    expect(prepare).toHaveBeenCalledTimes(3);
    await q2();
    expect(prepare).toHaveBeenCalledTimes(4);
  });

  it('streams rows, and the same query runs normally once the stream is left early', async () => {
    const { db } = open();
    for (const body of ['a', 'b', 'c']) await db.insertInto('notes').values({ body }).execute();
    const query = db.selectFrom('notes').select('body').orderBy('id');
    const seen: string[] = [];
    for await (const row of query.stream()) {
      seen.push(row.body);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['a', 'b']);
    expect(await query.execute()).toEqual([{ body: 'a' }, { body: 'b' }, { body: 'c' }]);
  });
});
