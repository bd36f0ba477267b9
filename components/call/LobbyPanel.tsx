'use client';

import { useId } from 'react';

export interface LobbyPanelEntry {
  id: string;
  displayName: string;
  external: boolean;
}

export interface LobbyPanelProps {
  lobby: readonly LobbyPanelEntry[];
  onAdmit: (participantIds: string[] | 'all') => void;
  onDeny: (participantId: string) => void;
}

/** People waiting in the lobby, for organizers and presenters in local mode (Teams shows the same list). */
export function LobbyPanel({ lobby, onAdmit, onDeny }: LobbyPanelProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="lobby-panel" data-testid="lobby-panel">
      <h2 id={headingId} style={{ fontSize: '1rem', margin: '0 0 0.5rem' }}>
        Waiting in the lobby ({lobby.length})
      </h2>
      <p role="status" aria-live="polite" style={{ margin: '0 0 0.5rem' }}>
        {lobby.length === 0 ? 'No one is waiting.' : `${lobby.length} ${lobby.length === 1 ? 'person is' : 'people are'} waiting to be admitted.`}
      </p>
      {lobby.length > 0 ? (
        <>
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {lobby.map((p) => (
              <li key={p.id} data-participant-id={p.id} style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', marginBottom: '0.5rem' }}>
                <span style={{ flex: 1 }}>
                  {p.displayName}
                  {p.external ? ' (External)' : ''}
                </span>
                <button type="button" className="button" onClick={() => onAdmit([p.id])} aria-label={`Admit ${p.displayName}`}>
                  Admit
                </button>
                <button type="button" className="button button--secondary" onClick={() => onDeny(p.id)} aria-label={`Deny ${p.displayName}`}>
                  Deny
                </button>
              </li>
            ))}
          </ul>
          {lobby.length > 1 ? (
            <button type="button" className="button" onClick={() => onAdmit('all')}>
              Admit all
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
