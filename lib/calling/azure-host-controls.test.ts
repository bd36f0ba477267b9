import type { CommunicationIdentifierKind } from '@azure/communication-common';
import type { CallState, ParticipantRole, RemoteParticipantState } from '@azure/communication-calling';
import { describe, expect, it, vi } from 'vitest';
import {
  createAzureHostControls,
  recordTeamsCallAgent,
  teamsCallAgentOf,
  type SdkLobby,
  type SdkRemoteParticipant,
  type SdkTeamsCall,
  type SdkTeamsCallAgent,
} from './azure-host-controls';

/** Just enough of the Calling SDK's event surface: listeners by event name, fired by the test. */
class Events {
  private readonly listeners = new Map<string, Set<() => void>>();
  on(event: string, listener: () => void): void {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
  }
  off(event: string, listener: () => void): void {
    this.listeners.get(event)?.delete(listener);
  }
  fire(event: string): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener();
  }
  count(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}

class FakeParticipant extends Events implements SdkRemoteParticipant {
  constructor(
    public identifier: CommunicationIdentifierKind,
    public displayName: string | undefined,
    public state: RemoteParticipantState,
  ) {
    super();
  }
}

class FakeLobby extends Events implements SdkLobby {
  participants: FakeParticipant[] = [];
  admit = vi.fn((_: unknown) => Promise.resolve());
  reject = vi.fn((_: unknown) => Promise.resolve());
  admitAll = vi.fn(() => Promise.resolve({ successCount: 0, failureCount: 0 }));
}

class FakeCall extends Events implements SdkTeamsCall {
  lobby = new FakeLobby();
  remoteParticipants: FakeParticipant[] = [];
  removeParticipant = vi.fn((_: unknown) => Promise.resolve());
  hangUp = vi.fn((_?: { forEveryone: boolean }) => Promise.resolve());
  constructor(
    public state: CallState,
    public role: ParticipantRole,
  ) {
    super();
  }
}

class FakeAgent extends Events implements SdkTeamsCallAgent {
  calls: FakeCall[] = [];
}

const GUEST_ID = '8:acs:resource_guest-1';
const guest = (state: RemoteParticipantState = 'InLobby') =>
  new FakeParticipant({ kind: 'communicationUser', communicationUserId: GUEST_ID }, 'Gina Guest', state);
const colleague = (state: RemoteParticipantState = 'Connected') =>
  new FakeParticipant(
    { kind: 'microsoftTeamsUser', microsoftTeamsUserId: 'staff-2', rawId: '8:orgid:staff-2', cloud: 'public' },
    'Sam Staff',
    state,
  );

function joined(role: ParticipantRole, state: CallState = 'Connected') {
  const agent = new FakeAgent();
  const call = new FakeCall(state, role);
  agent.calls = [call];
  return { agent, call, controls: createAzureHostControls(agent) };
}

describe('azure host controls: the view', () => {
  it('shows the lobby, the connected people, the role and the connection of the Teams call', () => {
    const { call, agent } = joined('Organizer');
    call.lobby.participants = [guest()];
    call.remoteParticipants = [colleague(), guest('Connecting')];
    const view = createAzureHostControls(agent).getView();
    expect(view).toMatchObject({ role: 'organizer', isHost: true, connection: 'connected', notice: undefined });
    expect(view.lobby).toEqual([{ id: GUEST_ID, identity: GUEST_ID, displayName: 'Gina Guest', external: true }]);
    // Someone still connecting is not "in the meeting" yet; a colleague is not external.
    expect(view.participants).toEqual([
      { id: '8:orgid:staff-2', displayName: 'Sam Staff', external: false, removable: true },
    ]);
  });

  it('is idle before the agent has a call and follows the call once the adapter joins', () => {
    const agent = new FakeAgent();
    const controls = createAzureHostControls(agent);
    expect(controls.getView()).toMatchObject({ connection: 'idle', isHost: false, role: undefined });
    const seen = vi.fn();
    controls.subscribe(seen);
    agent.calls = [new FakeCall('Connecting', 'Presenter')];
    agent.fire('callsUpdated');
    expect(controls.getView()).toMatchObject({ connection: 'connecting', isHost: true, role: 'presenter' });
    expect(seen).toHaveBeenCalled();
  });

  it('updates on lobbyParticipantsUpdated, stateChanged and roleChanged, with a new view only on change', () => {
    const { call, controls } = joined('Attendee', 'InLobby');
    const listener = vi.fn();
    controls.subscribe(listener);
    const first = controls.getView();
    expect(first).toMatchObject({ connection: 'connecting', isHost: false, role: 'attendee' });

    call.state = 'Connected';
    call.fire('stateChanged');
    expect(controls.getView().connection).toBe('connected');

    call.role = 'Co-organizer';
    call.fire('roleChanged');
    expect(controls.getView()).toMatchObject({ role: 'co-organizer', isHost: true });

    call.lobby.participants = [guest()];
    call.lobby.fire('lobbyParticipantsUpdated');
    expect(controls.getView().lobby.map((p) => p.id)).toEqual([GUEST_ID]);

    expect(listener).toHaveBeenCalledTimes(3);
    expect(controls.getView()).not.toBe(first);
    // An event that changes nothing shown notifies no one.
    const last = controls.getView();
    call.fire('stateChanged');
    expect(listener).toHaveBeenCalledTimes(3);
    // Unchanged between events: a stable snapshot for useSyncExternalStore.
    expect(controls.getView()).toBe(last);
  });

  it('sees an admitted guest become connected through their own stateChanged', () => {
    const { call, controls } = joined('Organizer');
    const listener = vi.fn();
    controls.subscribe(listener);
    const admitted = guest('Connecting');
    call.remoteParticipants = [admitted];
    call.fire('remoteParticipantsUpdated');
    expect(controls.getView().participants).toEqual([]);
    admitted.state = 'Connected';
    admitted.fire('stateChanged');
    expect(controls.getView().participants.map((p) => p.id)).toEqual([GUEST_ID]);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('is closed once the call ends, and listens to the SDK only while subscribed', () => {
    const { agent, call, controls } = joined('Organizer');
    const participant = colleague();
    call.remoteParticipants = [participant];
    const unsubscribe = controls.subscribe(() => undefined);
    expect(call.count('stateChanged') + participant.count('stateChanged') + agent.count('callsUpdated')).toBe(3);
    call.state = 'Disconnected';
    call.fire('stateChanged');
    expect(controls.getView().connection).toBe('closed');
    agent.calls = [];
    agent.fire('callsUpdated');
    expect(controls.getView().connection).toBe('closed');
    unsubscribe();
    unsubscribe();
    expect(call.count('stateChanged') + call.lobby.count('lobbyParticipantsUpdated')).toBe(0);
    expect(participant.count('stateChanged') + agent.count('callsUpdated')).toBe(0);
  });
});

describe('azure host controls: the actions', () => {
  it('admits and denies people in the lobby by their identifier', () => {
    const { call, controls } = joined('Presenter');
    const waiting = guest();
    call.lobby.participants = [waiting];
    expect(controls.admit([GUEST_ID])).toBe(true);
    expect(call.lobby.admit).toHaveBeenCalledWith(waiting.identifier);
    expect(controls.reject(GUEST_ID)).toBe(true);
    expect(call.lobby.reject).toHaveBeenCalledWith(waiting.identifier);
    expect(controls.admit('all')).toBe(true);
    expect(call.lobby.admitAll).toHaveBeenCalledTimes(1);
  });

  it('says so, without an SDK call, when the person already left the lobby', () => {
    const { call, controls } = joined('Organizer');
    expect(controls.admit([GUEST_ID])).toBe(false);
    expect(controls.reject(GUEST_ID)).toBe(false);
    expect(call.lobby.admit).not.toHaveBeenCalled();
    expect(call.lobby.reject).not.toHaveBeenCalled();
    expect(controls.getView().notice?.message).toMatch(/no longer in the lobby/);
  });

  it('refuses an attendee: no SDK call at all, and a notice saying who may', async () => {
    const { call, controls } = joined('Attendee');
    call.lobby.participants = [guest()];
    call.remoteParticipants = [colleague()];
    expect(controls.admit([GUEST_ID])).toBe(false);
    expect(controls.admit('all')).toBe(false);
    expect(controls.reject(GUEST_ID)).toBe(false);
    await expect(controls.remove('8:orgid:staff-2')).rejects.toThrow(/organizers and presenters/);
    await expect(controls.endForEveryone()).rejects.toThrow(/organizer/);
    expect(call.lobby.admit).not.toHaveBeenCalled();
    expect(call.lobby.admitAll).not.toHaveBeenCalled();
    expect(call.lobby.reject).not.toHaveBeenCalled();
    expect(call.removeParticipant).not.toHaveBeenCalled();
    expect(call.hangUp).not.toHaveBeenCalled();
    expect(controls.getView().notice?.message).toMatch(/organizer/);
  });

  it('acts only while connected (not while still in the lobby itself)', () => {
    const { call, controls } = joined('Organizer', 'InLobby');
    call.lobby.participants = [guest()];
    expect(controls.admit([GUEST_ID])).toBe(false);
    expect(call.lobby.admit).not.toHaveBeenCalled();
    expect(controls.getView().notice?.message).toMatch(/not connected/);
  });

  it('turns an SDK rejection into a notice instead of an unhandled rejection', async () => {
    const { call, controls } = joined('Organizer');
    call.lobby.participants = [guest()];
    call.lobby.admit.mockRejectedValueOnce(new Error('gone'));
    expect(controls.admit([GUEST_ID])).toBe(true);
    await vi.waitFor(() => expect(controls.getView().notice?.message).toMatch(/Could not admit/));
  });

  it('removes a Teams user from the call by identifier', async () => {
    const { call, controls } = joined('Organizer');
    const other = colleague();
    call.remoteParticipants = [other];
    await controls.remove('8:orgid:staff-2');
    expect(call.removeParticipant).toHaveBeenCalledWith(other.identifier);
  });

  it('refuses to remove an ACS guest, as the Teams call cannot', async () => {
    const { call, controls } = joined('Organizer');
    call.remoteParticipants = [guest('Connected')];
    // Not offered (the panel lists only the removable), and refused if asked anyway (a revoked guest).
    expect(controls.getView().participants).toEqual([
      { id: GUEST_ID, displayName: 'Gina Guest', external: true, removable: false },
    ]);
    await expect(controls.remove(GUEST_ID)).rejects.toThrow(/cannot remove guests/);
    expect(call.removeParticipant).not.toHaveBeenCalled();
    // So the host's page never announces itself as able to carry out removals (use-host-lobby.ts).
    expect(controls.canRemoveGuests).toBe(false);
  });

  it('ends the meeting for everyone only for the organizer', async () => {
    const organizer = joined('Organizer');
    await organizer.controls.endForEveryone();
    expect(organizer.call.hangUp).toHaveBeenCalledWith({ forEveryone: true });
    const presenter = joined('Presenter');
    await expect(presenter.controls.endForEveryone()).rejects.toThrow(/organizer/);
    expect(presenter.call.hangUp).not.toHaveBeenCalled();
  });
});

describe('the Teams call agent behind an adapter', () => {
  it('is found for the adapter it was recorded for, and for no other', () => {
    const adapter = {};
    const agent = new FakeAgent();
    recordTeamsCallAgent(adapter, agent);
    expect(teamsCallAgentOf(adapter)).toBe(agent);
    expect(teamsCallAgentOf({})).toBeUndefined();
  });
});
