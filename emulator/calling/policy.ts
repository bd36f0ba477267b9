/**
 * Teams meeting policy as the calling service applies it: who enters directly, who presents, who
 * manages the lobby, who may end the meeting for everyone. Pure functions of the meeting settings and
 * the participant's identity, so every rule can be tested without a socket.
 */
import type { Participant, Role } from '../../lib/contracts/calling-protocol';
import type { LobbyScope, OnlineMeeting } from '../store/meetings';

/** Staff join with Teams-user tokens (`8:orgid:<oid>`); guests are ACS users (`8:acs:…`). */
export const isStaff = (identity: string): boolean => identity.startsWith('8:orgid:');

/** The directory object id of a staff identity, or undefined for an ACS user. */
export const staffOid = (identity: string): string | undefined =>
  isStaff(identity) ? identity.slice('8:orgid:'.length) : undefined;

export const isPresenterRole = (role: Role): boolean => role === 'organizer' || role === 'presenter';

/**
 * Who enters directly under a lobby policy (Teams semantics). `invited` has no invitee list in the
 * emulator, so it behaves like `organization`.
 */
export function bypassesLobby(scope: LobbyScope, identity: string, isOrganizer: boolean): boolean {
  if (isOrganizer || scope === 'everyone') return true;
  if (scope === 'organizer') return false;
  return isStaff(identity);
}

/**
 * Teams roles: the organizer is 'organizer'. `allowedPresenters` decides who presents: with
 * `everyone` (Teams' default) everybody, external guests included, so guests can share their screen;
 * with `organization` the organization's people; otherwise nobody but the organizer (the emulator
 * keeps no per-attendee roles). Presenting never includes managing the lobby for guests: see managesLobby.
 */
export function roleFor(
  allowedPresenters: OnlineMeeting['allowedPresenters'],
  identity: string,
  isOrganizer: boolean,
): Role {
  if (isOrganizer) return 'organizer';
  if (allowedPresenters === 'everyone') return 'presenter';
  if (allowedPresenters === 'organization' && isStaff(identity)) return 'presenter';
  return 'attendee';
}

/**
 * Who sees the lobby and may admit, deny or remove: presenters of the organization, once in the call.
 * Teams keeps "who can admit from the lobby" apart from "who can present"; external presenters may
 * share their screen but never let anyone in.
 */
export function mayManageLobby(p: Pick<Participant, 'role' | 'external' | 'state'>): boolean {
  return p.state === 'Connected' && isPresenterRole(p.role) && !p.external;
}

/** Only the organizer ends a meeting for everyone (Teams "End meeting"); from anyone else it's a leave. */
export const mayEndForEveryone = (p: Pick<Participant, 'role' | 'state'>): boolean =>
  p.role === 'organizer' && p.state === 'Connected';

/** Screen sharing needs a Connected presenter (Teams: allowedPresenters decides who is one). */
export function screenShareRefusal(
  p: Pick<Participant, 'role' | 'state'>,
): 'not_connected' | 'not_allowed' | undefined {
  if (p.state !== 'Connected') return 'not_connected';
  if (!isPresenterRole(p.role)) return 'not_allowed';
  return undefined;
}
