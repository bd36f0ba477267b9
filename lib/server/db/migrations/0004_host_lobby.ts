import type { Kysely, Migration } from 'kysely';

// The host's lobby: which Vestibule hosts are in a meeting right now (a heartbeat, so any app
// instance can answer "is a host connected?" without process memory), and the removals staff asked
// for by revoking a guest who was in the call, until a host's client confirms what it did.
// `Kysely<unknown>`: a migration must not depend on today's schema types.
export const migration0004: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('host_presence')
      .addColumn('meeting_id', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('host_presence_pk', ['meeting_id', 'staff_id'])
      .execute();

    await db.schema
      .createTable('call_removals')
      .addColumn('share_id', 'text', (c) => c.primaryKey().references('shares.id').onDelete('cascade'))
      .addColumn('meeting_id', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      // 'requested' until a host's client settles it as 'removed' or 'not_in_call'.
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('settled_at', 'text')
      .addColumn('settled_by', 'text')
      .execute();
    await db.schema.createIndex('call_removals_meeting').on('call_removals').columns(['meeting_id', 'state']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('call_removals').execute();
    await db.schema.dropTable('host_presence').execute();
  },
};
