'use client';

import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import type { LocalCallAdapter, LocalCallExtras } from '@/lib/calling/local/adapter';
import { playLobbyChime } from './lobby-chime';
import { markLobby } from './lobby-marks';
import { LobbyPanel, type LobbyPanelEntry } from './LobbyPanel';
import { useHostLobby } from './use-host-lobby';

export interface HostPanelProps {
  adapter: LocalCallAdapter;
  extras: LocalCallExtras;
  /** The Graph meeting id: the host's lobby routes (identities, presence, removals) are per meeting. */
  meetingId: string;
}

/**
 * What an organizer or presenter manages beside the composite in local mode: the lobby (admit, admit
 * all, deny) and the people in the call (remove). The people come from the adapter's call state, the
 * same the composite draws, so the list and the gallery never disagree.
 *
 * The organizer can also end the meeting for everyone, as in Teams: the composite offers that only
 * for ACS calls (its end-call menu is disabled for Teams identities in 1.34), so it is offered here,
 * behind a confirmation like Teams'.
 *
 * Each waiting person carries what Vestibule knows of them (verified, invitation withdrawn, not
 * invited through Vestibule; see lobby-marks.ts), and this client carries out the removals staff ask
 * for by revoking a guest in the call (see use-host-lobby.ts).
 */
export function HostPanel({ adapter, extras, meetingId }: HostPanelProps) {
  const { identities, checked } = useHostLobby(meetingId, adapter, extras);
  const lobby = useMemo<LobbyPanelEntry[]>(() => {
    const marks = markLobby(extras.lobby, identities, checked);
    return extras.lobby.map((p) => ({ ...p, mark: marks.get(p.id) }));
  }, [extras.lobby, identities, checked]);
  const subscribe = useCallback(
    (onChange: () => void) => {
      adapter.onStateChange(onChange);
      return () => adapter.offStateChange(onChange);
    },
    [adapter],
  );
  const remote = useSyncExternalStore(
    subscribe,
    () => adapter.getState().call?.remoteParticipants,
    () => undefined,
  );
  const inMeeting = useMemo<LobbyPanelEntry[]>(
    () =>
      Object.entries(remote ?? {})
        .filter(([, p]) => p.state === 'Connected')
        .map(([id, p]) => ({
          id,
          displayName: p.displayName ?? 'Unknown',
          // ACS users (guests) are outside the organization: Teams marks them "(External)".
          external: p.identifier.kind === 'communicationUser',
        })),
    [remote],
  );
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const connected = extras.connection === 'connected';
  return (
    <>
      {extras.role === 'organizer' ? (
        <div style={{ marginBottom: '1rem' }}>
          {confirmingEnd ? (
            <div role="group" aria-label="End the meeting for everyone?">
              <p style={{ margin: '0 0 0.5rem' }}>
                End the meeting for everyone? Everyone in it, and in the lobby, leaves.
              </p>
              <button
                type="button"
                className="button"
                disabled={!connected}
                onClick={() => void adapter.leaveCall(true).catch(() => undefined)}
              >
                End meeting
              </button>{' '}
              <button type="button" className="button button--secondary" onClick={() => setConfirmingEnd(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="button button--secondary"
              disabled={!connected}
              onClick={() => setConfirmingEnd(true)}
            >
              End meeting for everyone
            </button>
          )}
        </div>
      ) : null}
      <LobbyPanel
        lobby={lobby}
        onArrival={playLobbyChime}
        // Host actions need the live connection (they are not queued): disabled while reconnecting.
        disabled={extras.connection !== 'connected'}
        onAdmit={(ids) => adapter.admit(ids)}
        onDeny={(id) => adapter.reject(id)}
        inMeeting={inMeeting}
        // A refusal is reported by the adapter in its notice; nothing to do here but not throw.
        onRemove={(id) => void adapter.removeParticipant(id).catch(() => undefined)}
      />
    </>
  );
}
