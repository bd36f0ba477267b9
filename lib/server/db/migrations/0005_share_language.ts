import type { Kysely, Migration } from 'kysely';

// The language staff chose for a guest: their invitation (and every resend) goes out in it, and it is
// the default language of that guest's pages. Null for shares made before, or without a choice: those
// mails are English and the guest's browser decides the pages. Free text like every other enum-ish
// column (lib/i18n/locales.ts is the list), so adding a language needs no migration.
export const migration0005: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('shares').addColumn('language', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('shares').dropColumn('language').execute();
  },
};
