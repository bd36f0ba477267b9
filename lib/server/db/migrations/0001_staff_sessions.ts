import type { Kysely, Migration } from 'kysely';

// Server-side session rows for signed-in staff: the browser's cookie names a row, the row holds the
// Graph tokens. `Kysely<unknown>`: a migration must not depend on today's schema types.
export const migration0001: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('staff_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('access_token_sealed', 'text', (c) => c.notNull())
      .addColumn('refresh_token_sealed', 'text')
      .addColumn('access_token_expires_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('staff_sessions_user_id').on('staff_sessions').column('user_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('staff_sessions').execute();
  },
};
