/**
 * What organizers and presenters do to others: admit or deny people in the lobby, remove someone from
 * the call. The 1.34 adapter interface has no lobby actions (the Calling SDK's `call.lobby` has), so
 * `admit`/`reject`/`remove` are Vestibule's own; `removeParticipant` is the adapter's.
 *
 * They never throw from click handlers: they return whether the request went out and, when it could
 * not (reconnecting, call over), say so in `extras.notice` instead of dropping it silently.
 */
import { getIdentifierRawId, type CommunicationIdentifier } from '@azure/communication-common';
import type { ClientMessage, Participant } from '@/lib/contracts/calling-protocol';
import type { Roster } from './roster';
import type { AdapterStore } from './store';

/**
 * Who acts on the lobby and removes people: the organization's organizers and presenters. Teams keeps
 * this apart from presenting: an external guest may present (share their screen) but never admits
 * anyone. The calling service enforces the same rule (emulator/calling/policy.ts mayManageLobby); the
 * client checks too, so a guest's page never offers or sends what would be refused.
 */
export function mayActOnLobby(self: Pick<Participant, 'role' | 'external'>): boolean {
  return (self.role === 'organizer' || self.role === 'presenter') && !self.external;
}

type HostMessage = Extract<ClientMessage, { type: 'lobby.admit' | 'lobby.reject' | 'remove' }>;

export class HostActions {
  constructor(
    private readonly store: AdapterStore,
    private readonly roster: Roster,
    private readonly send: (message: HostMessage) => boolean,
  ) {}

  /** Admits people from the lobby (ids, or everyone). Returns whether it was sent. */
  admit(participantIds: string[] | 'all'): boolean {
    if (participantIds !== 'all' && participantIds.length === 0) return false;
    return this.request({ type: 'lobby.admit', participantIds }, 'admit from the lobby');
  }

  /** Denies a person in the lobby: their join ends with subCode 5854. Returns whether it was sent. */
  reject(participantId: string): boolean {
    return this.request({ type: 'lobby.reject', participantId }, 'deny entry');
  }

  /** Removes a participant by per-call participant id. Returns whether it was sent. */
  remove(participantId: string): boolean {
    return this.request({ type: 'remove', participantId }, 'remove the participant');
  }

  /** The adapter's `removeParticipant`: by identifier; rejects (like Azure's) when it cannot be done. */
  async removeParticipant(participant: string | CommunicationIdentifier): Promise<void> {
    const flat = typeof participant === 'string' ? participant : getIdentifierRawId(participant);
    const entry = this.roster.entryFor(flat);
    await Promise.resolve();
    if (!entry) throw this.store.reportError('Call.removeParticipant', 'That participant is not in the meeting.');
    if (!this.remove(entry.id))
      throw this.store.reportError(
        'Call.removeParticipant',
        'Not connected to the meeting: try again once reconnected.',
      );
  }

  private request(message: HostMessage, what: string): boolean {
    if (!this.store.extras.isHost) {
      this.store.setExtras({
        notice: { kind: 'warning', message: `Only the meeting’s organizers and presenters can ${what}.` },
      });
      return false;
    }
    const sent = this.store.extras.connection === 'connected' && this.send(message);
    if (!sent)
      this.store.setExtras({
        notice: {
          kind: 'warning',
          message: `Could not ${what}: not connected to the meeting. Try again once reconnected.`,
        },
      });
    return sent;
  }
}
