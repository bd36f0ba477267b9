import type { Kysely, Migration } from 'kysely';

// A short lease on a staff session while one app instance redeems its refresh token: with several
// instances, two requests of one person can need a refresh at once, and a rotating refresh token
// redeemed twice is refused (and, by some identity providers, the whole grant revoked with it).
export const migration0007: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('staff_sessions').addColumn('refresh_lease_until', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('staff_sessions').dropColumn('refresh_lease_until').execute();
  },
};
