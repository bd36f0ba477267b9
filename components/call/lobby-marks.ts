import type { RemovalOutcome, ShareIdentityView } from '@/lib/api/host-lobby';

/**
 * What Vestibule knows about a person waiting in the lobby, from the meeting's share identities:
 * - verified: an ACS identity Vestibule created for a live share, i.e. someone who proved they own
 *   the invited address; with the share and the address;
 * - withdrawn: an identity of a share that was revoked or has expired since;
 * - unknown: an external (ACS) user Vestibule never issued a token to: not invited through
 *   Vestibule (e.g. someone who has the Teams link and their own ACS resource);
 * - organization: a member of the organization (a Teams user), whom Teams itself vouches for;
 * - checking: the identities were not (re)loaded since this person arrived, so nothing is claimed yet.
 */
export type LobbyMark =
  | { kind: 'verified'; shareId: string; guestEmail: string; guestName: string | null }
  | { kind: 'withdrawn'; shareId: string; guestEmail: string }
  | { kind: 'unknown' }
  | { kind: 'organization' }
  | { kind: 'checking' };

export interface LobbyPerson {
  id: string;
  /** Raw id: `8:acs:…` for ACS users, `8:orgid:…` for the organization's Teams users. */
  identity: string;
  external: boolean;
}

/**
 * Marks each person in the lobby. `identities` is undefined until the first load; `checked` holds the
 * lobby identities that were present when the loaded list was asked for: anyone else arrived later
 * and is 'checking' rather than wrongly "not invited" (their identity may be newer than the list).
 */
export function markLobby(
  lobby: readonly LobbyPerson[],
  identities: readonly ShareIdentityView[] | undefined,
  checked: ReadonlySet<string>,
): Map<string, LobbyMark> {
  const byIdentity = new Map((identities ?? []).map((i) => [i.acsUserId, i]));
  return new Map(
    lobby.map((p): [string, LobbyMark] => {
      if (!p.external) return [p.id, { kind: 'organization' }];
      const known = byIdentity.get(p.identity);
      if (known?.standing === 'verified')
        return [
          p.id,
          { kind: 'verified', shareId: known.shareId, guestEmail: known.guestEmail, guestName: known.guestName },
        ];
      if (known) return [p.id, { kind: 'withdrawn', shareId: known.shareId, guestEmail: known.guestEmail }];
      if (identities === undefined || !checked.has(p.identity)) return [p.id, { kind: 'checking' }];
      return [p.id, { kind: 'unknown' }];
    }),
  );
}

/** The ids "Admit all verified" admits: verified guests only, never the withdrawn or the unknown. */
export function verifiedIds(marks: ReadonlyMap<string, LobbyMark>): string[] {
  return [...marks].filter(([, mark]) => mark.kind === 'verified').map(([id]) => id);
}

/** What a mark says, in words: shown beside the name and part of the buttons' accessible names. */
export function markText(mark: LobbyMark): string {
  switch (mark.kind) {
    case 'verified':
      return `Verified: ${mark.guestEmail}`;
    case 'withdrawn':
      return `Invitation withdrawn (${mark.guestEmail})`;
    case 'unknown':
      return 'Not invited through Vestibule';
    case 'organization':
      return 'In your organization';
    case 'checking':
      return 'Checking…';
  }
}

/** How long to wait for a removed guest to leave before asking the calling service again. */
export const REMOVAL_RETRY_MS = 10_000;

export type RemovalStep =
  | { kind: 'remove'; participantIds: string[] }
  | { kind: 'deny'; participantIds: string[] }
  | { kind: 'wait' }
  | { kind: 'confirm'; outcome: RemovalOutcome };

/**
 * What the host's client does next about one pending removal (a guest revoked in the call), from what
 * it sees now. It confirms only what it saw: 'removed' once a guest it asked to remove is gone,
 * 'not_in_call' when the guest was not there to begin with. `requestedAt` is when this client last
 * asked the calling service, if it did.
 */
export function removalStep(input: {
  acsUserIds: readonly string[];
  /** Flat ids of the people connected in the call. */
  inCall: readonly string[];
  lobby: readonly LobbyPerson[];
  requestedAt: number | undefined;
  now: number;
}): RemovalStep {
  const ids = new Set(input.acsUserIds);
  const connected = input.inCall.filter((id) => ids.has(id));
  const waiting = input.lobby.filter((p) => ids.has(p.identity)).map((p) => p.id);
  if (connected.length === 0 && waiting.length === 0)
    return { kind: 'confirm', outcome: input.requestedAt === undefined ? 'not_in_call' : 'removed' };
  if (input.requestedAt !== undefined && input.now - input.requestedAt < REMOVAL_RETRY_MS) return { kind: 'wait' };
  // Removing from the call first; someone only in the lobby is denied entry (Teams' "Deny").
  return connected.length > 0
    ? { kind: 'remove', participantIds: connected }
    : { kind: 'deny', participantIds: waiting };
}
