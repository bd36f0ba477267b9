import 'server-only';
import type { Kysely } from 'kysely';
import { record, type AuditEvent, type RequestMeta } from '@/lib/server/audit';
import type { Database } from '@/lib/server/db';
import type { ShareTable } from '@/lib/server/db/schema';
import { AppError } from '@/lib/server/errors';
import { isExpired } from '@/lib/server/shares/expiry';
import { isShareId } from '@/lib/server/shares/ids';
import { findShare } from '@/lib/server/shares/store';
import { findGuestSession, type GuestSession } from './sessions';

export const NO_SUCH_INVITATION =
  'This link does not match any invitation. Check that you opened the whole link from your invitation e-mail.';
export const WITHDRAWN = 'This invitation was withdrawn by the person who invited you.';
export const EXPIRED = 'This invitation has expired. Ask the person who invited you for a new one.';

/** A share a guest may act on now: it exists (404 otherwise) and is neither revoked nor expired (410). */
export async function openShare(db: Kysely<Database>, shareId: string, now: Date): Promise<ShareTable> {
  const share = isShareId(shareId) ? await findShare(db, { id: shareId }) : undefined;
  if (!share) throw new AppError('not_found', NO_SUCH_INVITATION);
  return assertOpen(share, now);
}

/** The share itself, if neither revoked nor expired (410 otherwise). */
function assertOpen(share: ShareTable, now: Date): ShareTable {
  if (share.status === 'revoked') throw new AppError('gone', WITHDRAWN);
  if (isExpired(share.expires_at, now)) throw new AppError('gone', EXPIRED);
  return share;
}

/**
 * The checks in front of everything a signed-in guest does with a share (token, status): a guest
 * session (401; 403 when only a staff session is present, since staff can't act as guests), an
 * existing share (404) for the session's verified address (403), valid now (410). The ownership
 * check comes before the validity one, so another guest's share reveals nothing about its state.
 */
export async function guestShare(
  db: Kysely<Database>,
  input: { sessionToken: string | undefined; shareId: string; now: Date; staffSignedIn: () => Promise<boolean> },
): Promise<{ session: GuestSession; share: ShareTable }> {
  const session = await findGuestSession(db, input.sessionToken, input.now);
  if (!session) {
    if (await input.staffSignedIn()) {
      throw new AppError(
        'forbidden',
        'You are signed in as staff. Guests join from their invitation, signed in with the invited e-mail address.',
      );
    }
    throw new AppError('unauthenticated', 'Sign in with the e-mail address your invitation was sent to.');
  }
  const share = isShareId(input.shareId) ? await findShare(db, { id: input.shareId }) : undefined;
  if (!share) throw new AppError('not_found', NO_SUCH_INVITATION);
  if (share.guest_email !== session.email) {
    throw new AppError(
      'forbidden',
      `This invitation is for another e-mail address; you are signed in as ${session.email}.`,
    );
  }
  // The row just read is this request's view of the share: reading it again would decide nothing new.
  return { session, share: assertOpen(share, input.now) };
}

/** An audit event by a guest (or by someone not yet verified) about a share. */
export function guestEvent(
  input: {
    share?: Pick<ShareTable, 'id' | 'meeting_id' | 'guest_name'> | null;
    email?: string;
    meta: RequestMeta;
    at: Date;
  },
  action: string,
  detail?: Record<string, unknown>,
): AuditEvent {
  return {
    actor: {
      kind: 'guest',
      id: input.email ?? 'unverified',
      name: input.email ? (input.share?.guest_name ?? input.email) : null,
    },
    action,
    meetingId: input.share?.meeting_id ?? null,
    shareId: input.share?.id ?? null,
    ip: input.meta.ip,
    userAgent: input.meta.userAgent,
    detail,
    at: input.at,
  };
}

/** Audits a refusal (AppError) and rethrows it; anything unexpected is rethrown untouched. */
export async function auditRefusal(
  db: Kysely<Database>,
  error: unknown,
  event: (code: string) => AuditEvent,
): Promise<never> {
  if (error instanceof AppError) await record(event(error.code), db);
  throw error;
}
