import type { Migration } from 'kysely';
import { migration0001 } from './0001_staff_sessions';
import { migration0002 } from './0002_shares_audit';
import { migration0003 } from './0003_guest_sign_in';
import { migration0004 } from './0004_host_lobby';
import { migration0005 } from './0005_share_language';
import { migration0007 } from './0007_staff_refresh_lease';
import { migration0008 } from './0008_share_meeting_chat';

/**
 * Every migration, in order. Listed explicitly (not read from the file system) so the Next.js server
 * bundle, `npm run db:migrate` and the tests all see the same list. Names never change once shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001_staff_sessions': migration0001,
  '0002_shares_audit': migration0002,
  '0003_guest_sign_in': migration0003,
  '0004_host_lobby': migration0004,
  '0005_share_language': migration0005,
  '0007_staff_refresh_lease': migration0007,
  '0008_share_meeting_chat': migration0008,
};
