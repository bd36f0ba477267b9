import 'server-only';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { HostPresenceResponse, MeetingIdentitiesResponse } from '@/lib/api/host-lobby';
import { record, type RequestMeta } from '@/lib/server/audit';
import type { Staff } from '@/lib/server/auth/staff';
import { getDb, type Database } from '@/lib/server/db';
import { AppError } from '@/lib/server/errors';
import { parseInput } from '@/lib/server/validation';
import { HOST_HEARTBEAT_MS } from './in-call';
import { beat, forgetHost, meetingShareIdentities, pendingRemovals, settleRemoval } from './in-call-store';
import { getMeeting } from './service';
import type { Meeting } from './types';

/**
 * The host's side of the lobby: who the people waiting are (the meeting's share identities), the
 * host's presence in the meeting, and the removals staff asked for by revoking someone in the call.
 *
 * Every function first reads the meeting through Graph as the employee, exactly like "Join as host":
 * only someone who may host this meeting learns which addresses were invited or acts on removals;
 * anyone else gets the same not_found as for a meeting that does not exist.
 */
export interface HostLobbyDeps {
  getMeeting(staff: Staff, meetingId: string): Promise<Meeting>;
  db(): Promise<Kysely<Database>>;
  now(): Date;
}

export const defaultHostLobbyDeps: HostLobbyDeps = { getMeeting, db: getDb, now: () => new Date() };

/** The ACS identities of the meeting's shares, for the lobby's marks (verified, withdrawn). */
export async function meetingIdentities(
  staff: Staff,
  meetingId: string,
  deps: HostLobbyDeps = defaultHostLobbyDeps,
): Promise<MeetingIdentitiesResponse> {
  const meeting = await deps.getMeeting(staff, meetingId);
  return { identities: await meetingShareIdentities(await deps.db(), { meetingId: meeting.id, now: deps.now() }) };
}

/** The host's client is in the meeting (it beats while connected); answers with the removals to carry out. */
export async function hostHeartbeat(
  staff: Staff,
  meetingId: string,
  deps: HostLobbyDeps = defaultHostLobbyDeps,
): Promise<HostPresenceResponse> {
  const meeting = await deps.getMeeting(staff, meetingId);
  const db = await deps.db();
  await beat(db, { meetingId: meeting.id, staffId: staff.id, at: deps.now().toISOString() });
  return { removals: await pendingRemovals(db, { meetingId: meeting.id }), nextBeatMs: HOST_HEARTBEAT_MS };
}

/** The host left the call (best effort: a closed tab simply stops beating and times out). */
export async function hostLeft(staff: Staff, meetingId: string, deps: HostLobbyDeps = defaultHostLobbyDeps) {
  const meeting = await deps.getMeeting(staff, meetingId);
  await forgetHost(await deps.db(), { meetingId: meeting.id, staffId: staff.id });
}

export const RemovalReport = z.object({
  outcome: z.enum(['removed', 'not_in_call'], { error: "Outcome must be 'removed' or 'not_in_call'." }),
});

/**
 * The host's client reports what it did about a pending removal: it removed the guest (and saw them
 * leave), or they were not in the meeting. Recorded with the audit event in one transaction.
 */
export async function reportRemoval(
  staff: Staff,
  meetingId: string,
  shareId: string,
  body: unknown,
  meta: RequestMeta = {},
  deps: HostLobbyDeps = defaultHostLobbyDeps,
): Promise<{ outcome: z.infer<typeof RemovalReport>['outcome'] }> {
  const { outcome } = parseInput(RemovalReport, body);
  const meeting = await deps.getMeeting(staff, meetingId);
  const db = await deps.db();
  const at = deps.now();
  const settled = await db.transaction().execute(async (trx) => {
    const guestEmail = await settleRemoval(trx, {
      shareId,
      meetingId: meeting.id,
      outcome,
      by: staff.id,
      at: at.toISOString(),
    });
    if (guestEmail === undefined) return false;
    await record(
      {
        actor: { kind: 'staff', id: staff.id, name: staff.name },
        action: outcome === 'removed' ? 'share.removed_from_call' : 'share.removal_not_in_call',
        meetingId: meeting.id,
        shareId,
        detail: { guestEmail },
        ip: meta.ip,
        userAgent: meta.userAgent,
        at,
      },
      trx,
    );
    return true;
  });
  // 409, not 404: the meeting and the guest are the host's to see; there is just nothing to settle.
  if (!settled) throw new AppError('conflict', 'No removal of this guest is pending in this meeting.');
  return { outcome };
}
