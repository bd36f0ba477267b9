'use client';

import { useMemo, useState } from 'react';
import type { HostControls, HostControlsView } from '@/lib/calling/host-controls';
import { playLobbyChime } from './lobby-chime';
import { markLobby } from './lobby-marks';
import { LobbyPanel, type LobbyPanelEntry } from './LobbyPanel';
import { useHostLobby } from './use-host-lobby';

export interface HostPanelProps {
  controls: HostControls;
  view: HostControlsView;
  /** The Graph meeting id: the host's lobby routes (identities, presence, removals) are per meeting. */
  meetingId: string;
}

/**
 * What an organizer or presenter manages beside the composite, in both clouds (host-controls.ts):
 * the lobby (admit, admit all, deny) and the people in the call (remove). Locally the people come
 * from the adapter's call state, the same the composite draws, so the list and the gallery never
 * disagree; in Azure mode from the Teams call the adapter runs on.
 *
 * The organizer can also end the meeting for everyone, as in Teams: the composite offers that only
 * for ACS calls (its end-call menu is disabled for Teams identities in 1.34), so it is offered here,
 * behind a confirmation like Teams'.
 *
 * Each waiting person carries what Vestibule knows of them (verified, invitation withdrawn, not
 * invited through Vestibule; see lobby-marks.ts), and this client carries out the removals staff ask
 * for by revoking a guest in the call (see use-host-lobby.ts).
 */
export function HostPanel({ controls, view, meetingId }: HostPanelProps) {
  const { identities, checked } = useHostLobby(meetingId, controls, view);
  const lobby = useMemo<LobbyPanelEntry[]>(() => {
    const marks = markLobby(view.lobby, identities, checked);
    return view.lobby.map((p) => ({ ...p, mark: marks.get(p.id) }));
  }, [view.lobby, identities, checked]);
  // Only whom this host can remove is listed (in Azure, not ACS guests: see azure-host-controls.ts).
  const removable = useMemo(() => view.participants.filter((p) => p.removable), [view.participants]);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const connected = view.connection === 'connected';
  return (
    <>
      {view.role === 'organizer' ? (
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
                onClick={() => void controls.endForEveryone().catch(() => undefined)}
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
        disabled={!connected}
        onAdmit={(ids) => controls.admit(ids)}
        onDeny={(id) => controls.reject(id)}
        inMeeting={removable}
        // A refusal is reported in the controls' notice; nothing to do here but not throw.
        onRemove={(id) => void controls.remove(id).catch(() => undefined)}
      />
    </>
  );
}
