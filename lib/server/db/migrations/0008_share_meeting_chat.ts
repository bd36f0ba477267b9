import type { Kysely, Migration } from 'kysely';

// The meeting's chat setting (Graph's onlineMeeting.allowMeetingChat) copied onto each share, like the
// join link: the token route decides a guest's chat scope without a staff Graph session. Null for
// shares made before: they get no chat scope until staff open the meeting's host page, which records
// the setting again. Free text, like the other enum-ish columns.
export const migration0008: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('shares').addColumn('allow_meeting_chat', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('shares').dropColumn('allow_meeting_chat').execute();
  },
};
