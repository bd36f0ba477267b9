/**
 * The host controls in Azure mode, over the Calling SDK's Teams call: the UI Library's 1.34 adapters
 * have no lobby actions, so the panel works on the call the Teams call agent joined (`call.lobby`,
 * `call.role`, `call.removeParticipant`, `call.hangUp`). Staff join as Teams users, so this is a
 * `TeamsCall` (create-call-adapter.ts: only `8:orgid:` users have a host page in Azure mode).
 *
 * Only organizers, co-organizers and presenters act, as in Teams (and as the local cloud's
 * mayActOnLobby): for anyone else an action makes no SDK call and says why in the view's notice.
 *
 * The SDK objects are described by the few members used here, so the module needs no runtime import
 * of the Calling SDK or the UI Library (neither loads under vitest/node) and tests can pass fakes;
 * azure-call-adapter.ts hands it the real `TeamsCallAgent`, which tsc checks against these shapes.
 */
import {
  getIdentifierRawId,
  type CommunicationIdentifierKind,
  type CommunicationUserKind,
  type MicrosoftTeamsAppKind,
  type MicrosoftTeamsUserIdentifier,
  type PhoneNumberIdentifier,
  type TeamsExtensionUserIdentifier,
  type UnknownIdentifier,
} from '@azure/communication-common';
import type { CallState, HangUpOptions, ParticipantRole, RemoteParticipantState } from '@azure/communication-calling';
import type {
  HostConnection,
  HostControls,
  HostControlsView,
  HostLobbyEntry,
  HostParticipant,
  HostRole,
} from './host-controls';

type Listener = () => void;

export interface SdkRemoteParticipant {
  readonly identifier: CommunicationIdentifierKind;
  readonly displayName?: string;
  readonly state: RemoteParticipantState;
  on(event: 'stateChanged' | 'displayNameChanged', listener: Listener): void;
  off(event: 'stateChanged' | 'displayNameChanged', listener: Listener): void;
}

export interface SdkLobby {
  readonly participants: ReadonlyArray<SdkRemoteParticipant>;
  on(event: 'lobbyParticipantsUpdated', listener: Listener): void;
  off(event: 'lobbyParticipantsUpdated', listener: Listener): void;
  admit(participant: CommunicationIdentifierKind): Promise<void>;
  reject(participant: CommunicationIdentifierKind): Promise<void>;
  admitAll(): Promise<unknown>;
}

export interface SdkTeamsCall {
  readonly state: CallState;
  readonly role: ParticipantRole;
  readonly lobby: SdkLobby;
  readonly remoteParticipants: ReadonlyArray<SdkRemoteParticipant>;
  on(event: 'stateChanged' | 'roleChanged' | 'remoteParticipantsUpdated', listener: Listener): void;
  off(event: 'stateChanged' | 'roleChanged' | 'remoteParticipantsUpdated', listener: Listener): void;
  /** A Teams call removes Teams users and phone numbers only: the SDK's type has no ACS users. */
  removeParticipant(
    participant:
      MicrosoftTeamsUserIdentifier | PhoneNumberIdentifier | TeamsExtensionUserIdentifier | UnknownIdentifier,
  ): Promise<void>;
  hangUp(options?: HangUpOptions): Promise<void>;
}

export interface SdkTeamsCallAgent {
  readonly calls: ReadonlyArray<SdkTeamsCall>;
  on(event: 'callsUpdated', listener: Listener): void;
  off(event: 'callsUpdated', listener: Listener): void;
}

const ROLES: Record<ParticipantRole, HostRole> = {
  Organizer: 'organizer',
  'Co-organizer': 'co-organizer',
  Presenter: 'presenter',
  Attendee: 'attendee',
  Consumer: 'attendee',
  Collaborator: 'attendee',
  Unknown: 'unknown',
};

const HOST_ROLES: ReadonlySet<HostRole> = new Set(['organizer', 'co-organizer', 'presenter']);

function connectionOf(state: CallState): HostConnection {
  switch (state) {
    case 'Connected':
    case 'LocalHold':
    case 'RemoteHold':
      return 'connected';
    case 'Disconnecting':
    case 'Disconnected':
      return 'closed';
    default:
      return 'connecting';
  }
}

/** Staff are the organization's Teams users; ACS users (guests), phone numbers and anonymous people are not. */
function isExternal(identifier: CommunicationIdentifierKind): boolean {
  return identifier.kind !== 'microsoftTeamsUser' || identifier.isAnonymous === true;
}

function lobbyEntry(p: SdkRemoteParticipant): HostLobbyEntry {
  const id = getIdentifierRawId(p.identifier);
  return { id, identity: id, displayName: p.displayName ?? 'Unknown', external: isExternal(p.identifier) };
}

/** The Teams call's removeParticipant takes no ACS users nor Teams apps (its type; the UI Library refuses them too). */
function isRemovable(
  identifier: CommunicationIdentifierKind,
): identifier is Exclude<CommunicationIdentifierKind, CommunicationUserKind | MicrosoftTeamsAppKind> {
  return identifier.kind !== 'communicationUser' && identifier.kind !== 'microsoftTeamsApp';
}

function participant(p: SdkRemoteParticipant): HostParticipant {
  return {
    id: getIdentifierRawId(p.identifier),
    displayName: p.displayName ?? 'Unknown',
    external: isExternal(p.identifier),
    removable: isRemovable(p.identifier),
  };
}

export function createAzureHostControls(agent: SdkTeamsCallAgent): HostControls {
  const listeners = new Set<Listener>();
  let followed: SdkTeamsCall | undefined;
  let hadCall = false;
  let notice: HostControlsView['notice'];
  let watchedParticipants: SdkRemoteParticipant[] = [];
  let view: HostControlsView | undefined;
  let viewKey = '';

  // A new view object only when something in it changed: a stable snapshot for useSyncExternalStore,
  // and no re-render of the panel for SDK events that change nothing it shows.
  function refresh(): boolean {
    // While subscribed, the call the listeners follow; otherwise whatever the agent has now.
    const call = listeners.size > 0 ? followed : agent.calls[0];
    if (call) hadCall = true;
    const role = call ? ROLES[call.role] : undefined;
    const next: HostControlsView = {
      role,
      isHost: role !== undefined && HOST_ROLES.has(role),
      lobby: call ? call.lobby.participants.map(lobbyEntry) : [],
      participants: call ? call.remoteParticipants.filter((p) => p.state === 'Connected').map(participant) : [],
      connection: call ? connectionOf(call.state) : hadCall ? 'closed' : 'idle',
      notice,
    };
    const key = JSON.stringify(next);
    if (view && key === viewKey) return false;
    view = next;
    viewKey = key;
    return true;
  }

  function update(): void {
    if (refresh()) for (const listener of [...listeners]) listener();
  }

  // People move from Connecting to Connected without a collection change: watch each one's state.
  function watchParticipants(): void {
    for (const p of watchedParticipants) {
      p.off('stateChanged', update);
      p.off('displayNameChanged', update);
    }
    watchedParticipants = followed ? [...followed.remoteParticipants] : [];
    for (const p of watchedParticipants) {
      p.on('stateChanged', update);
      p.on('displayNameChanged', update);
    }
  }

  function onParticipantsUpdated(): void {
    watchParticipants();
    update();
  }

  function unbindCall(): void {
    if (!followed) return;
    followed.off('stateChanged', update);
    followed.off('roleChanged', update);
    followed.off('remoteParticipantsUpdated', onParticipantsUpdated);
    followed.lobby.off('lobbyParticipantsUpdated', update);
    followed = undefined;
  }

  /** The adapter joins one meeting per agent: its call is the agent's only one. */
  function follow(notify = true): void {
    const next = agent.calls[0];
    if (next !== followed) {
      unbindCall();
      followed = next;
      if (next) {
        next.on('stateChanged', update);
        next.on('roleChanged', update);
        next.on('remoteParticipantsUpdated', onParticipantsUpdated);
        next.lobby.on('lobbyParticipantsUpdated', update);
      }
      watchParticipants();
    }
    if (notify) update();
    else refresh();
  }

  const onCallsUpdated = () => follow();

  // SDK listeners only while someone subscribes (the panel, through useSyncExternalStore): nothing to
  // dispose, and StrictMode's double subscribe/unsubscribe leaves nothing behind.
  function start(): void {
    agent.on('callsUpdated', onCallsUpdated);
    // The subscriber reads the view after subscribing: it needs no call now.
    follow(false);
  }

  function stop(): void {
    agent.off('callsUpdated', onCallsUpdated);
    unbindCall();
    watchParticipants();
  }

  /** The view as of now: kept current by the listeners while subscribed, read afresh otherwise. */
  function current(): HostControlsView {
    if (listeners.size === 0 || !view) refresh();
    return view!;
  }

  function say(message: string): false {
    notice = { kind: 'warning', message };
    update();
    return false;
  }

  function setNotice(next: HostControlsView['notice']): void {
    notice = next;
    update();
  }

  /** The call when this user may act on it now; otherwise undefined, with a notice saying why. */
  function actingCall(what: string, roles: ReadonlySet<HostRole> = HOST_ROLES): SdkTeamsCall | undefined {
    const now = current();
    const acting = agent.calls[0];
    if (!acting || !now.role || !roles.has(now.role)) {
      say(`Only the meeting’s ${roles === HOST_ROLES ? 'organizers and presenters' : 'organizer'} can ${what}.`);
      return undefined;
    }
    if (now.connection !== 'connected') {
      say(`Could not ${what}: not connected to the meeting. Try again once reconnected.`);
      return undefined;
    }
    if (notice) setNotice(undefined);
    return acting;
  }

  // The SDK's rejections (e.g. the person left the lobby meanwhile) become the notice, never a throw.
  function reported(what: string, action: Promise<unknown>): Promise<void> {
    return action.then(
      () => undefined,
      () => {
        say(`Could not ${what}. Try again.`);
      },
    );
  }

  return {
    canRemoveGuests: false,
    getView: current,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) start();
      return () => {
        if (listeners.delete(listener) && listeners.size === 0) stop();
      };
    },
    admit(ids) {
      if (ids !== 'all' && ids.length === 0) return false;
      const call = actingCall('admit from the lobby');
      if (!call) return false;
      if (ids === 'all') {
        void reported('admit from the lobby', call.lobby.admitAll());
        return true;
      }
      const wanted = new Set(ids);
      const waiting = call.lobby.participants.filter((p) => wanted.has(getIdentifierRawId(p.identifier)));
      if (waiting.length === 0) return say('Could not admit: that person is no longer in the lobby.');
      for (const p of waiting) void reported('admit from the lobby', call.lobby.admit(p.identifier));
      return true;
    },
    reject(id) {
      const call = actingCall('deny entry');
      if (!call) return false;
      const waiting = call.lobby.participants.find((p) => getIdentifierRawId(p.identifier) === id);
      if (!waiting) return say('Could not deny entry: that person is no longer in the lobby.');
      void reported('deny entry', call.lobby.reject(waiting.identifier));
      return true;
    },
    async remove(id) {
      const call = actingCall('remove the participant');
      if (!call) throw new Error(notice?.message);
      const target = call.remoteParticipants.find((p) => getIdentifierRawId(p.identifier) === id);
      if (!target) {
        say('That participant is not in the meeting.');
        throw new Error(notice?.message);
      }
      const identifier = target.identifier;
      if (!isRemovable(identifier)) {
        say('A Teams user’s call cannot remove guests: remove them from Teams itself.');
        throw new Error(notice?.message);
      }
      try {
        await call.removeParticipant(identifier);
      } catch (error) {
        say('Could not remove the participant. Try again.');
        throw error;
      }
    },
    async endForEveryone() {
      const call = actingCall('end the meeting for everyone', new Set<HostRole>(['organizer']));
      if (!call) throw new Error(notice?.message);
      await call.hangUp({ forEveryone: true });
    },
  };
}

/** The Teams call agent behind each Teams adapter (azure-call-adapter.ts records it when it builds one). */
const agents = new WeakMap<object, SdkTeamsCallAgent>();

export function recordTeamsCallAgent(adapter: object, agent: SdkTeamsCallAgent): void {
  agents.set(adapter, agent);
}

export function teamsCallAgentOf(adapter: object): SdkTeamsCallAgent | undefined {
  return agents.get(adapter);
}
