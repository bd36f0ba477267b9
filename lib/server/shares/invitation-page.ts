import 'server-only';
import { getDb } from '@/lib/server/db';
import type { ShareTable } from '@/lib/server/db/schema';
import { isExpired } from './expiry';
import { isShareId } from './ids';
import { findShare } from './store';

/**
 * What the guest's invitation page (`/join/{shareId}`) may show before the guest has proved who they
 * are: the share seen from the guest's side.
 */
export type InvitationPage =
  | {
      state: 'open';
      subject: string;
      startDateTime: string;
      endDateTime: string;
      inviterName: string;
      /** The invited address, partly hidden: enough for the guest to recognise, not to harvest. */
      maskedEmail: string;
      /** The language staff chose for this guest, if any: the default of the guest's pages. */
      language: string | null;
    }
  | { state: 'revoked' | 'expired' | 'unknown' };

/** The invited address, partly hidden: enough for the guest to recognise, not to harvest. */
function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  return `${local.slice(0, 1)}${'•'.repeat(Math.min(6, Math.max(2, local.length - 1)))}${email.slice(at)}`;
}

/**
 * The invitation page behind a share id. Never the join link, meeting ID or passcode: those are
 * released only to a verified guest, by a later step of the guest flow.
 */
export async function findInvitationPage(shareId: string, now = new Date()): Promise<InvitationPage> {
  if (!isShareId(shareId)) return { state: 'unknown' };
  return invitationPageOf(await findShare(await getDb(), { id: shareId }), now);
}

/** The invitation page of a share already read (the guest's page reads it once for everything). */
export function invitationPageOf(share: ShareTable | undefined, now: Date): InvitationPage {
  if (!share) return { state: 'unknown' };
  if (share.status === 'revoked') return { state: 'revoked' };
  if (isExpired(share.expires_at, now)) return { state: 'expired' };
  return {
    state: 'open',
    subject: share.meeting_subject,
    startDateTime: share.meeting_start,
    endDateTime: share.meeting_end,
    inviterName: share.inviter_name,
    maskedEmail: maskEmail(share.guest_email),
    language: share.language ?? null,
  };
}
