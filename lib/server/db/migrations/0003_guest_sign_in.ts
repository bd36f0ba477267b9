import type { Kysely, Migration } from 'kysely';

// Guest sign-in by e-mail (link + one-time code), guest sessions, and the counters that rate-limit
// them. Secrets are never stored: only SHA-256 hashes of high-entropy tokens, and an HMAC of the
// short code. The share's status stays free text, so the new status 'left' needs no change here.
// `Kysely<unknown>`: a migration must not depend on today's schema types.
export const migration0003: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('guest_sign_ins')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id').onDelete('cascade'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('link_hash', 'text', (c) => c.notNull().unique())
      .addColumn('code_salt', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text')
      .addColumn('ended_reason', 'text')
      .execute();
    await db.schema
      .createIndex('guest_sign_ins_share')
      .on('guest_sign_ins')
      .columns(['share_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('guest_sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();

    // One row per counted request; windows are short, so rows older than a day are pruned as new ones come.
    await db.schema
      .createTable('guest_rate_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('guest_rate_events_key_at').on('guest_rate_events').columns(['key', 'at']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('guest_rate_events').execute();
    await db.schema.dropTable('guest_sessions').execute();
    await db.schema.dropTable('guest_sign_ins').execute();
  },
};
