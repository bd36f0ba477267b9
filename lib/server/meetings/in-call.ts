import 'server-only';
import type { InCallRemovalView } from '@/lib/api/host-lobby';
import type { CallRemovalState, ShareStatus } from '@/lib/server/db/schema';

/** How often a host's client beats while it is in the meeting. */
export const HOST_HEARTBEAT_MS = 5_000;
/**
 * A host counts as connected while its last beat is this recent: three missed beats. Longer would
 * keep telling staff "removal requested" after the host's tab is gone; shorter would flap on a slow
 * network.
 */
export const HOST_PRESENCE_TTL_MS = 3 * HOST_HEARTBEAT_MS + 1_000;

/**
 * Whether revoking this share must also take the guest out of the call. Revocation stops tokens, not
 * calls (ACS), so a guest last known to be waiting in the lobby or in the meeting stays there until a
 * host removes them. 'left', 'invited', 'signed_in': nobody to remove.
 */
export function inCallAtRevocation(status: ShareStatus): boolean {
  return status === 'in_lobby' || status === 'joined';
}

/** Whether any Vestibule host's heartbeat for the meeting is recent enough to count as connected. */
export function hostConnected(lastSeen: readonly string[], now: Date): boolean {
  return lastSeen.some((seen) => now.getTime() - new Date(seen).getTime() <= HOST_PRESENCE_TTL_MS);
}

/**
 * The revoke-while-in-call decision, as staff read it. Never claims a removal that did not happen:
 * until a host's client confirms, a requested removal is "requested" while a host is connected to
 * carry it out, and "remove them in Teams" while none is (then nobody in Vestibule can).
 */
export function inCallRemovalView(
  removal: { state: CallRemovalState } | undefined,
  isHostConnected: boolean,
): InCallRemovalView | null {
  if (!removal) return null;
  switch (removal.state) {
    case 'removed':
      return 'removed';
    case 'not_in_call':
      return 'not_in_call';
    case 'requested':
      return isHostConnected ? 'removal_requested' : 'remove_in_teams';
  }
}
