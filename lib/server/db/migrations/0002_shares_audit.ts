import { sql, type Kysely, type Migration } from 'kysely';

// Shares (one per invited guest), the ACS identities created for them, and the audit trail.
// Timestamps are ISO-8601 UTC text and booleans 0/1, as everywhere, so queries run unchanged on
// SQLite and PostgreSQL. `Kysely<unknown>`: a migration must not depend on today's schema types.
export const migration0002: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('shares')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('meeting_id', 'text', (c) => c.notNull())
      .addColumn('meeting_subject', 'text', (c) => c.notNull())
      .addColumn('meeting_start', 'text', (c) => c.notNull())
      .addColumn('meeting_end', 'text', (c) => c.notNull())
      .addColumn('organizer_id', 'text', (c) => c.notNull())
      .addColumn('organizer_name', 'text')
      .addColumn('join_web_url', 'text', (c) => c.notNull())
      .addColumn('join_meeting_id', 'text')
      .addColumn('passcode', 'text')
      .addColumn('guest_email', 'text', (c) => c.notNull())
      .addColumn('guest_name', 'text')
      .addColumn('message', 'text')
      .addColumn('inviter_id', 'text', (c) => c.notNull())
      .addColumn('inviter_name', 'text', (c) => c.notNull())
      .addColumn('inviter_email', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('delivery', 'text', (c) => c.notNull())
      .addColumn('delivery_error', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text')
      .execute();
    await db.schema.createIndex('shares_meeting_id').on('shares').column('meeting_id').execute();
    // Partial unique indexes exist in both SQLite (3.8+) and PostgreSQL, so the rule "one live
    // invitation per guest and meeting" holds even when two app instances race; the service checks
    // first only to give each guest a clear message.
    await db.schema
      .createIndex('shares_one_live_per_guest')
      .on('shares')
      .columns(['meeting_id', 'guest_email'])
      .unique()
      .where(sql.ref('status'), '<>', 'revoked')
      .execute();

    await db.schema
      .createTable('share_identities')
      .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id').onDelete('cascade'))
      .addColumn('acs_user_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('share_identities_pk', ['share_id', 'acs_user_id'])
      .execute();

    // No foreign keys: the audit trail must outlive whatever it describes.
    await db.schema
      .createTable('audit_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('meeting_id', 'text')
      .addColumn('share_id', 'text')
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('audit_events_meeting_at').on('audit_events').columns(['meeting_id', 'at']).execute();
    // The per-employee sending limit counts recent events by actor.
    await db.schema.createIndex('audit_events_actor_at').on('audit_events').columns(['actor_id', 'at']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('audit_events').execute();
    await db.schema.dropTable('share_identities').execute();
    await db.schema.dropTable('shares').execute();
  },
};
