import 'server-only';
import { z } from 'zod';
import { record } from '@/lib/server/audit';
import { parseInput } from '@/lib/server/validation';
import { defaultGuestDeps, type GuestDeps } from './deps';
import { auditRefusal, guestEvent } from './share-access';
import { authorizeGuestRequest, type GuestRequest } from './token';

export const StatusReport = z.object({
  status: z.enum(['in_lobby', 'joined', 'left'], { error: "Status must be 'in_lobby', 'joined' or 'left'." }),
});

/**
 * POST /api/shares/{shareId}/status: the guest's client says where the guest is, so staff see it next
 * to the invitation. Best effort on the client's side; guarded like the token route. A revoked share
 * is never overwritten (the guard refuses it, and the update skips it if revocation lands meanwhile).
 */
export async function reportGuestStatus(
  request: GuestRequest,
  body: unknown,
  deps: GuestDeps = defaultGuestDeps,
): Promise<{ status: z.infer<typeof StatusReport>['status'] }> {
  const db = await deps.db();
  const now = deps.now();
  const { session, share } = await authorizeGuestRequest(db, request, 'guest.status_refused', deps, now);
  const event = (action: string, detail: Record<string, unknown>) =>
    guestEvent({ share, email: session.email, meta: request.meta, at: now }, action, detail);
  let status: z.infer<typeof StatusReport>['status'];
  try {
    status = parseInput(StatusReport, body).status;
  } catch (error) {
    return auditRefusal(db, error, (code) => event('guest.status_refused', { code }));
  }
  if (share.status === status) return { status };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('shares')
      .set({ status })
      .where('id', '=', share.id)
      .where('status', '<>', 'revoked')
      .execute();
    await record(event(`guest.${status}`, { guestEmail: session.email }), trx);
  });
  return { status };
}
