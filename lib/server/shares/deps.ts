import 'server-only';
import type { Kysely } from 'kysely';
import { getConfig } from '@/lib/config.js';
import { revokeIdentityTokens } from '@/lib/server/acs/identity';
import type { Staff } from '@/lib/server/auth/staff';
import { getDb, type Database } from '@/lib/server/db';
import type { InvitationEmailInput } from '@/lib/server/mail/invitation-email';
import { sendInvitationEmail, type SendResult } from '@/lib/server/mail/send';
import { getMeeting, type Meeting } from '@/lib/server/meetings';

/**
 * Everything the share service reaches outside itself. Passed in (defaulting to the real thing) so
 * tests can run the service against a temp database, the emulator's mail catcher and ACS, and a
 * stand-in for Graph, without module mocking.
 */
export interface ShareDeps {
  getMeeting(staff: Staff, meetingId: string): Promise<Meeting>;
  db(): Promise<Kysely<Database>>;
  appUrl(): string;
  sendInvitationEmail(input: InvitationEmailInput): Promise<SendResult>;
  revokeIdentityTokens(acsUserIds: string[]): Promise<void>;
  now(): Date;
}

export const defaultShareDeps: ShareDeps = {
  getMeeting,
  db: getDb,
  appUrl: () => getConfig().appUrl,
  sendInvitationEmail: (input) => sendInvitationEmail(input),
  revokeIdentityTokens: (ids) => revokeIdentityTokens(ids),
  now: () => new Date(),
};
