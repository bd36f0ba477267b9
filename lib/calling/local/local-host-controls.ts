/**
 * The host controls over the local adapter: its extras (role, lobby, connection, notice) and the
 * connected people of its call state, with the adapter's own admit/reject/removeParticipant, which
 * already refuse non-hosts (host-actions.ts mayActOnLobby) and report why in the notice.
 *
 * Type-only import of the adapter: Azure mode's call code must not bring the local adapter in.
 */
import type { CallAdapterState } from '@azure/communication-react';
import type { HostControls, HostControlsView, HostParticipant } from '../host-controls';
import type { LocalCallAdapter } from './adapter';
import type { LocalCallExtras } from './store';

/** Flat ids and names of the people connected in the call, as the composite's gallery shows them. */
function connectedParticipants(state: CallAdapterState): HostParticipant[] {
  return Object.entries(state.call?.remoteParticipants ?? {})
    .filter(([, p]) => p.state === 'Connected')
    .map(([id, p]) => ({
      id,
      displayName: p.displayName ?? 'Unknown',
      // ACS users (guests) are outside the organization: Teams marks them "(External)".
      external: p.identifier.kind === 'communicationUser',
      removable: true,
    }));
}

export function createLocalHostControls(adapter: LocalCallAdapter): HostControls {
  // The view is rebuilt only when what it is made of changes: useSyncExternalStore needs a stable snapshot.
  let made: { extras: LocalCallExtras; remote: unknown; view: HostControlsView } | undefined;
  const getView = (): HostControlsView => {
    const extras = adapter.getExtras();
    const state = adapter.getState();
    const remote = state.call?.remoteParticipants;
    if (made && made.extras === extras && made.remote === remote) return made.view;
    const view: HostControlsView = {
      role: extras.role,
      isHost: extras.isHost,
      lobby: extras.lobby,
      participants: connectedParticipants(state),
      connection: extras.connection,
      notice: extras.notice,
    };
    made = { extras, remote, view };
    return view;
  };
  return {
    canRemoveGuests: true,
    getView,
    subscribe(listener) {
      const onChange = () => listener();
      adapter.onExtrasChange(onChange);
      adapter.onStateChange(onChange);
      return () => {
        adapter.offExtrasChange(onChange);
        adapter.offStateChange(onChange);
      };
    },
    admit: (ids) => adapter.admit(ids),
    reject: (id) => adapter.reject(id),
    remove: (id) => adapter.removeParticipant(id),
    endForEveryone: () => adapter.leaveCall(true),
  };
}
