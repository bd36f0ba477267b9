/**
 * The JSON the host's call page and the staff meeting page exchange about who is in a meeting.
 * Plain types only: the browser imports them.
 */

/** How Vestibule knows an ACS identity: from a live share (verified) or a revoked/expired one. */
export type IdentityStanding = 'verified' | 'withdrawn';

/** One ACS identity Vestibule created for a share of the meeting (each join of a guest makes one). */
export interface ShareIdentityView {
  /** Raw ACS id, `8:acs:…`, as the calling service shows it for the person in the lobby or call. */
  acsUserId: string;
  shareId: string;
  guestEmail: string;
  guestName: string | null;
  standing: IdentityStanding;
}

/** GET /api/meetings/{meetingId}/identities. */
export interface MeetingIdentitiesResponse {
  identities: ShareIdentityView[];
}

/** A guest staff revoked while in the meeting: the host's client removes every identity listed. */
export interface PendingRemoval {
  shareId: string;
  guestEmail: string;
  acsUserIds: string[];
}

/** POST /api/meetings/{meetingId}/host-presence (the host's heartbeat). */
export interface HostPresenceResponse {
  removals: PendingRemoval[];
  /** When to beat again, so the server can change the pace without a client release. */
  nextBeatMs: number;
}

/** What the host's client did about a pending removal: only what it saw happen. */
export type RemovalOutcome = 'removed' | 'not_in_call';

/**
 * What the staff meeting page says about a revoked guest who was in the meeting:
 * - removal_requested: a Vestibule host is connected and its client is removing them;
 * - remove_in_teams: no Vestibule host is connected: they are still in, a host must remove them in Teams;
 * - removed: a host's client removed them and confirmed it;
 * - not_in_call: a host's client looked and they were no longer in the meeting.
 */
export type InCallRemovalView = 'removal_requested' | 'remove_in_teams' | 'removed' | 'not_in_call';
