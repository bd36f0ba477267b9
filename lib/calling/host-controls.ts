/**
 * What the host's lobby panel needs from a call, the same in both clouds: a subscribable view (own
 * role, the lobby, the people connected) and the organizer's/presenter's actions. `local` wraps the
 * local adapter (local-host-controls.ts); `azure` wraps the Calling SDK's Teams call
 * (azure-host-controls.ts), since the UI Library's 1.34 adapters have no lobby actions.
 *
 * Type-only module: it loads in neither cloud's chunk by itself.
 */

/** Own role in the meeting, lower-cased from the Calling SDK's `ParticipantRole` (local: the service's). */
export type HostRole = 'organizer' | 'co-organizer' | 'presenter' | 'attendee' | 'unknown';

export interface HostLobbyEntry {
  /** What admit/reject take: the local service's participant id, or in Azure the raw identifier. */
  id: string;
  /** Raw id: `8:acs:…` for ACS users (guests), `8:orgid:…` for the organization's Teams users. */
  identity: string;
  displayName: string;
  /** Outside the organization: Teams shows "(External)". */
  external: boolean;
}

export interface HostParticipant {
  /** Flat id of someone connected in the call: what `remove` takes. */
  id: string;
  displayName: string;
  external: boolean;
  /** Whether `remove` can remove them: a Teams user's call cannot remove ACS users (azure-host-controls.ts). */
  removable: boolean;
}

export type HostConnection = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface HostControlsView {
  role: HostRole | undefined;
  /** Whether this user may admit, deny and remove (organizer, co-organizer or presenter of the organization). */
  isHost: boolean;
  lobby: readonly HostLobbyEntry[];
  /** People connected in the call (not in the lobby, not still connecting). */
  participants: readonly HostParticipant[];
  connection: HostConnection;
  /** Why the last action was not carried out, if it was not. */
  notice: { kind: 'info' | 'warning' | 'error'; message: string } | undefined;
}

export interface HostControls {
  /**
   * Whether this client can take guests (ACS users) out of the call. Local: yes. Azure: no — a Teams
   * user's call cannot remove ACS users — so the host's page does not announce itself as able to
   * carry out removals, and staff are told to remove a revoked guest in Teams.
   */
  readonly canRemoveGuests: boolean;
  /** The current view; the same object until something in it changes (for useSyncExternalStore). */
  getView(): HostControlsView;
  /** Calls `listener` after each change of the view; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Admits people from the lobby (ids, or everyone). False (with a notice) when it was not sent. */
  admit(ids: string[] | 'all'): boolean;
  /** Denies a person in the lobby (Teams' "Deny"). False (with a notice) when it was not sent. */
  reject(id: string): boolean;
  /** Removes someone connected in the call; rejects when it cannot be done (the notice says why). */
  remove(id: string): Promise<void>;
  /** Organizer only: ends the meeting for everyone in it and in the lobby. */
  endForEveryone(): Promise<void>;
}

export const NO_HOST_VIEW: HostControlsView = {
  role: undefined,
  isHost: false,
  lobby: [],
  participants: [],
  connection: 'idle',
  notice: undefined,
};
