import 'server-only';
import type { Kysely } from 'kysely';
import type { AuditTrailResponse } from '@/lib/api/audit';
import type { ResendShareResponse, RevokeShareResponse, SharesResponse } from '@/lib/api/shares';
import { listAudit, record, type AuditEvent, type RequestMeta } from '@/lib/server/audit';
import type { Staff } from '@/lib/server/auth/staff';
import type { Database } from '@/lib/server/db';
import type { ShareTable } from '@/lib/server/db/schema';
import { AppError } from '@/lib/server/errors';
import { log } from '@/lib/server/log';
import { inCallRemovalViews, requestRemovalIfInCall } from '@/lib/server/meetings';
import type { SendResult } from '@/lib/server/mail/send';
import { parseInput } from '@/lib/server/validation';
import { defaultShareDeps, type ShareDeps } from './deps';
import { isExpired, shareExpiry } from './expiry';
import { isShareId, newShareId } from './ids';
import { CreateSharesInput } from './input';
import { assertInvitationRate } from './rate-limit';
import {
  findLiveShares,
  retireExpiredShares,
  findShare,
  insertShares,
  isUniqueViolation,
  listMeetingShares,
  markRevoked,
  setDelivery,
  shareIdentityIds,
} from './store';
import { toShareView } from './view';

const NO_SUCH_SHARE = 'This invitation does not exist, or you are not allowed to manage it.';

/** Who the trail credits with delivering (or failing to deliver) an invitation e-mail. */
const MAIL_ACTOR: AuditEvent['actor'] = { kind: 'system', id: 'mail', name: null };

function staffActor(staff: Staff): AuditEvent['actor'] {
  return { kind: 'staff', id: staff.id, name: staff.name };
}

function auditFor(staff: Staff, meta: RequestMeta, share: Pick<ShareTable, 'id' | 'meeting_id'>) {
  return (action: string, detail?: Record<string, unknown>): AuditEvent => ({
    actor: staffActor(staff),
    action,
    meetingId: share.meeting_id,
    shareId: share.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    detail,
  });
}

/**
 * Loads a share and checks the employee can see its meeting in Graph. Both refusals look the same,
 * so share ids of other people's meetings cannot be probed.
 */
async function authorizedShare(
  staff: Staff,
  shareId: string,
  deps: ShareDeps,
  options: { ownerWithoutGraph?: boolean } = {},
): Promise<{ db: Kysely<Database>; share: ShareTable }> {
  if (!isShareId(shareId)) throw new AppError('not_found', NO_SUCH_SHARE);
  const db = await deps.db();
  const share = await findShare(db, { id: shareId });
  if (!share) throw new AppError('not_found', NO_SUCH_SHARE);
  // The one who invited, or the meeting's organizer, may always revoke — even while Graph is down or
  // the meeting is gone: taking access away must never depend on an outside service.
  const owner = share.inviter_id === staff.id || share.organizer_id === staff.id;
  if (!(options.ownerWithoutGraph && owner)) await deps.getMeeting(staff, share.meeting_id);
  return { db, share };
}

/** Sends (or resends) one invitation and records the outcome on the share and in the audit trail. */
async function deliver(
  db: Kysely<Database>,
  share: ShareTable,
  audit: ReturnType<typeof auditFor>,
  deps: ShareDeps,
  knownFailure?: SendResult,
): Promise<ShareTable & { relayDown?: boolean }> {
  const result =
    knownFailure ??
    (await deps.sendInvitationEmail({
      appUrl: deps.appUrl(),
      shareId: share.id,
      meetingSubject: share.meeting_subject,
      meetingStart: new Date(share.meeting_start),
      meetingEnd: new Date(share.meeting_end),
      timeZone: share.time_zone,
      language: share.language ?? null,
      inviterName: share.inviter_name,
      inviterEmail: share.inviter_email,
      guestName: share.guest_name,
      guestEmail: share.guest_email,
      message: share.message,
      shareCreatedAt: new Date(share.created_at),
      sentAt: deps.now(),
    }));
  const at = deps.now().toISOString();
  // The mail relay delivered (or refused) the message, not the employee whose request sent it: the
  // trail credits the system with it and names the recipient (issue #14).
  const delivery = (action: string, detail: Record<string, unknown> = {}): AuditEvent => ({
    ...audit(action, { guestEmail: share.guest_email, ...detail }),
    actor: MAIL_ACTOR,
    ip: null,
    userAgent: null,
    at: new Date(at),
  });
  if (result.ok) {
    await db.transaction().execute(async (trx) => {
      await setDelivery(trx, { id: share.id, delivery: 'sent', error: null, sentAt: at });
      await record(delivery('share.sent'), trx);
    });
    return { ...share, delivery: 'sent', delivery_error: null, sent_at: at };
  }
  await db.transaction().execute(async (trx) => {
    await setDelivery(trx, { id: share.id, delivery: 'failed', error: result.error });
    await record(delivery('share.send_failed', { reason: result.error }), trx);
  });
  return { ...share, delivery: 'failed', delivery_error: result.error, relayDown: result.relayDown };
}

/**
 * Shares a meeting with one or more guests: one share per guest, all created in one transaction
 * (never half-created), then one invitation each. A failed send leaves that share with delivery
 * 'failed' (it can be resent); the result lists every share with its delivery outcome.
 */
export async function createShares(
  staff: Staff,
  meetingId: string,
  input: CreateSharesInput,
  meta: RequestMeta = {},
  deps: ShareDeps = defaultShareDeps,
): Promise<SharesResponse> {
  const parsed = parseInput(CreateSharesInput, input);
  const meeting = await deps.getMeeting(staff, meetingId);
  const now = deps.now();
  const expiresAt = shareExpiry({
    meetingEnd: new Date(meeting.endDateTime),
    requested: parsed.expiresAt ? new Date(parsed.expiresAt) : undefined,
    now,
  }).toISOString();
  const createdAt = now.toISOString();

  const rows: ShareTable[] = parsed.guests.map((guest) => ({
    id: newShareId(),
    meeting_id: meeting.id,
    meeting_subject: meeting.subject,
    meeting_start: new Date(meeting.startDateTime).toISOString(),
    meeting_end: new Date(meeting.endDateTime).toISOString(),
    organizer_id: meeting.organizer.id,
    organizer_name: meeting.organizer.name ?? null,
    join_web_url: meeting.joinWebUrl,
    join_meeting_id: meeting.joinMeetingId ?? null,
    passcode: meeting.passcode ?? null,
    guest_email: guest.email,
    guest_name: guest.name ?? null,
    message: parsed.message ?? null,
    inviter_id: staff.id,
    inviter_name: staff.name,
    inviter_email: staff.email,
    time_zone: parsed.timeZone ?? 'UTC',
    language: guest.language ?? null,
    allow_meeting_chat: meeting.allowMeetingChat ?? null,
    created_at: createdAt,
    expires_at: expiresAt,
    status: 'invited',
    delivery: 'pending',
    delivery_error: null,
    sent_at: null,
    revoked_at: null,
    revoked_by: null,
  }));

  const db = await deps.db();
  try {
    await db.transaction().execute(async (trx) => {
      await retireExpiredShares(trx, { meetingId: meeting.id, emails: rows.map((r) => r.guest_email), now: createdAt });
      const existing = new Set(
        (await findLiveShares(trx, { meetingId: meeting.id, emails: rows.map((r) => r.guest_email) })).map(
          (s) => s.guest_email,
        ),
      );
      if (existing.size > 0) {
        const fields: Record<string, string> = {};
        parsed.guests.forEach((guest, i) => {
          if (existing.has(guest.email)) {
            fields[`guests.${i}.email`] =
              `${guest.email} already has an invitation to this meeting. Resend it, or revoke it before inviting again.`;
          }
        });
        throw new AppError('conflict', 'Some of these guests already have an invitation to this meeting.', { fields });
      }
      await assertInvitationRate(trx, staff.id, rows.length, now);
      await insertShares(trx, { rows });
      for (const row of rows) {
        await record(
          { ...auditFor(staff, meta, row)('share.created', { guestEmail: row.guest_email, expiresAt }), at: now },
          trx,
        );
      }
    });
  } catch (error) {
    // Another request invited the same guest between our check and insert; the index caught it.
    if (isUniqueViolation(error))
      throw new AppError(
        'conflict',
        'Some of these guests were just invited to this meeting by someone else. Reload to see them.',
      );
    throw error;
  }

  const delivered: ShareTable[] = [];
  // One at a time: a relay handles a short burst better than 20 parallel connections, and the
  // order of the mails follows the order of the guests. Once the relay itself is down, the rest are
  // marked "not delivered" at once instead of each waiting out the same timeout.
  let relayDown: SendResult | undefined;
  for (const row of rows) {
    const { relayDown: down, ...outcome } = await deliver(db, row, auditFor(staff, meta, row), deps, relayDown);
    if (down)
      relayDown = {
        ok: false,
        error: outcome.delivery_error ?? 'The mail server could not be reached.',
        relayDown: true,
      };
    delivered.push(outcome);
  }
  return { shares: delivered.map((row) => toShareView(row, deps.now())) };
}

/** Every share of a meeting the employee can see, newest first. */
export async function listShares(
  staff: Staff,
  meetingId: string,
  deps: ShareDeps = defaultShareDeps,
): Promise<SharesResponse> {
  const meeting = await deps.getMeeting(staff, meetingId);
  const db = await deps.db();
  const now = deps.now();
  const inCall = await inCallRemovalViews(db, { meetingId: meeting.id, now });
  return {
    shares: (await listMeetingShares(db, { meetingId: meeting.id })).map((row) =>
      toShareView(row, now, inCall.get(row.id)),
    ),
  };
}

/** Sends a share's invitation again (after a failed send, or when the guest lost it). Counts against the rate limit. */
export async function resendShare(
  staff: Staff,
  shareId: string,
  meta: RequestMeta = {},
  deps: ShareDeps = defaultShareDeps,
): Promise<ResendShareResponse> {
  const { db, share } = await authorizedShare(staff, shareId, deps);
  const now = deps.now();
  if (share.status === 'revoked')
    throw new AppError('conflict', 'This invitation was revoked, so it cannot be sent again. Invite the guest anew.');
  if (isExpired(share.expires_at, now))
    throw new AppError(
      'gone',
      'This invitation has expired, so it cannot be sent again. Revoke it and invite the guest anew.',
    );
  const audit = auditFor(staff, meta, share);
  await db.transaction().execute(async (trx) => {
    await assertInvitationRate(trx, staff.id, 1, now);
    await record({ ...audit('share.resent', { guestEmail: share.guest_email }), at: now }, trx);
  });
  return { share: toShareView(await deliver(db, share, audit, deps), deps.now()) };
}

/**
 * Revokes a share at once and then revokes the ACS tokens of every identity created for it.
 * Idempotent: revoking again retries the token revocation. The share is revoked in Vestibule's own
 * database before ACS is called, and stays revoked if ACS fails: the token route refuses revoked
 * shares, so Vestibule's refusal never depends on ACS being up (only already-issued tokens do, and
 * the failure is logged and audited so it can be retried).
 */
export async function revokeShare(
  staff: Staff,
  shareId: string,
  meta: RequestMeta = {},
  deps: ShareDeps = defaultShareDeps,
): Promise<RevokeShareResponse> {
  const { db, share } = await authorizedShare(staff, shareId, deps, { ownerWithoutGraph: true });
  const audit = auditFor(staff, meta, share);
  const at = deps.now();
  await db.transaction().execute(async (trx) => {
    if (await markRevoked(trx, { id: share.id, at: at.toISOString(), by: staff.id })) {
      // Revocation stops tokens, not a call already joined: a guest last seen in the lobby or the
      // meeting is queued for removal by a Vestibule host's client (see lib/server/meetings/in-call.ts).
      const inCall = await requestRemovalIfInCall(trx, { share, by: staff.id, at: at.toISOString() });
      await record({ ...audit('share.revoked', { guestEmail: share.guest_email, inCall }), at }, trx);
    }
  });

  const identities = await shareIdentityIds(db, { shareId: share.id });
  let acsTokensRevoked = true;
  if (identities.length > 0) {
    try {
      await deps.revokeIdentityTokens(identities);
      await record(audit('share.tokens_revoked', { identities: identities.length }), db);
    } catch (error) {
      acsTokensRevoked = false;
      log.warn(
        { err: error, shareId: share.id, identities: identities.length },
        'revoking ACS tokens failed; the share is revoked regardless',
      );
      await record(audit('share.tokens_revoke_failed', { identities: identities.length }), db);
    }
  }
  const updated = await findShare(db, { id: share.id });
  const now = deps.now();
  const inCall = (await inCallRemovalViews(db, { meetingId: share.meeting_id, now })).get(share.id);
  return { share: toShareView(updated ?? share, now, inCall), acsTokensRevoked };
}

/** A meeting's audit trail, for staff who can see the meeting. */
export async function listMeetingAudit(
  staff: Staff,
  meetingId: string,
  options: { limit?: number } = {},
  deps: ShareDeps = defaultShareDeps,
): Promise<AuditTrailResponse> {
  const meeting = await deps.getMeeting(staff, meetingId);
  return { events: await listAudit(meeting.id, options.limit ?? 200, await deps.db()) };
}
