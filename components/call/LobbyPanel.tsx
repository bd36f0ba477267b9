'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { markText, type LobbyMark } from './lobby-marks';

export interface LobbyPanelEntry {
  id: string;
  displayName: string;
  external: boolean;
  /** What Vestibule knows about a person in the lobby (verified, withdrawn, not invited through it). */
  mark?: LobbyMark;
}

export interface LobbyPanelProps {
  lobby: readonly LobbyPanelEntry[];
  /** Return false when the request could not be sent (the adapter shows why); must not throw. */
  onAdmit: (participantIds: string[] | 'all') => boolean | void;
  onDeny: (participantId: string) => boolean | void;
  /** While not connected to the meeting service (reconnecting), host actions would be lost: disable them. */
  disabled?: boolean;
  /** People in the call (not in the lobby) whom this host may remove; without `onRemove` none are listed. */
  inMeeting?: readonly LobbyPanelEntry[];
  /** Removes someone from the call (their call ends as "removed"); must not throw. */
  onRemove?: (participantId: string) => void;
  /** Someone entered the lobby (after the visible, announced notice): e.g. play a sound. */
  onArrival?: () => void;
}

/** "Gina Guest (External)": the name as shown, with Teams' marker for people outside the organization. */
function label(p: LobbyPanelEntry): string {
  return `${p.displayName}${p.external ? ' (External)' : ''}`;
}

/** Verified and organization entries read calmly; withdrawn and unknown ones stand out (colour and words). */
function MarkLine({ mark, id }: { mark: LobbyMark; id: string }) {
  const alarming = mark.kind === 'unknown' || mark.kind === 'withdrawn';
  return (
    <span
      id={id}
      className={`lobby-mark lobby-mark--${mark.kind}`}
      data-mark={mark.kind}
      style={{
        display: 'block',
        fontSize: '0.85rem',
        fontWeight: alarming ? 700 : 400,
        color: alarming ? '#a4262c' : mark.kind === 'verified' ? '#107c10' : 'inherit',
        ...(alarming ? { borderLeft: '3px solid #a4262c', paddingLeft: '0.35rem' } : {}),
      }}
    >
      {mark.kind === 'verified' ? '✓ ' : alarming ? '⚠ ' : ''}
      {markText(mark)}
    </span>
  );
}

/** "Gina Guest (External)", "Gina Guest (External) and Bo (External)", "3 people". */
function arrivalText(people: readonly LobbyPanelEntry[]): string {
  if (people.length === 1) return `${label(people[0]!)} entered the lobby.`;
  if (people.length === 2) return `${label(people[0]!)} and ${label(people[1]!)} entered the lobby.`;
  return `${people.length} people entered the lobby.`;
}

/**
 * People waiting in the lobby, for organizers and presenters in local mode (Teams shows the same list),
 * and the people in the call, each with Remove (Teams' "Remove from meeting").
 *
 * Accessible names: "Admit <name>" / "Deny <name>", with " (External)" for external people (e.g.
 * "Admit Gina Guest (External)"), described by the person's mark ("Verified: gina@…", "Not invited through
 * Vestibule"); "Admit all verified (n)" where marks are known ("Admit all" otherwise); "Remove <name>" for
 * people in the call. Arrivals are announced in the panel's live status. After Admit/Deny/Admit all the acted-on entry
 * disappears once the service confirms; focus then moves to the Admit button of the entry now in its
 * place (or the last one), or to the panel heading when nobody is left, so keyboard and screen reader
 * users are not dropped onto <body>.
 */
export function LobbyPanel({
  lobby,
  onAdmit,
  onDeny,
  disabled = false,
  inMeeting = [],
  onRemove,
  onArrival,
}: LobbyPanelProps) {
  const headingId = useId();
  const markIdPrefix = useId();
  // Who was already waiting, so only newcomers are announced (everyone waiting when the host joins counts as new).
  const seen = useRef(new Set<string>());
  const [arrival, setArrival] = useState<string>();
  useEffect(() => {
    const newcomers = lobby.filter((p) => !seen.current.has(p.id));
    seen.current = new Set(lobby.map((p) => p.id));
    if (newcomers.length === 0) return;
    setArrival(arrivalText(newcomers));
    onArrival?.();
  }, [lobby, onArrival]);
  const verified = lobby.filter((p) => p.mark?.kind === 'verified').map((p) => p.id);
  const marked = lobby.some((p) => p.mark);
  const inMeetingHeadingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const admitButtons = useRef(new Map<string, HTMLButtonElement>());
  /** Index of the entry acted on, until focus has been placed after the list changed. */
  const pendingFocus = useRef<number | null>(null);

  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const active = document.activeElement;
    // The acted-on button is still there (the service has not answered yet, or it refused): keep focus.
    if (active && active !== document.body && sectionRef.current?.contains(active)) return;
    pendingFocus.current = null;
    const next = lobby[Math.min(index, lobby.length - 1)];
    const target = next ? admitButtons.current.get(next.id) : undefined;
    (target ?? headingRef.current)?.focus();
  }, [lobby]);

  const act = (index: number, action: () => boolean | void) => {
    pendingFocus.current = index;
    try {
      if (action() === false) pendingFocus.current = null;
    } catch {
      // Never throw from a click handler; the adapter reports failures in its notice.
      pendingFocus.current = null;
    }
  };

  return (
    <section ref={sectionRef} aria-labelledby={headingId} className="lobby-panel" data-testid="lobby-panel">
      <h2 id={headingId} ref={headingRef} tabIndex={-1} style={{ fontSize: '1rem', margin: '0 0 0.5rem' }}>
        Waiting in the lobby ({lobby.length})
      </h2>
      <p role="status" aria-live="polite" style={{ margin: '0 0 0.5rem' }} data-testid="lobby-status">
        {arrival && lobby.length > 0 ? (
          <strong className="lobby-arrival" data-testid="lobby-arrival">
            {arrival}{' '}
          </strong>
        ) : null}
        {lobby.length === 0
          ? 'No one is waiting.'
          : `${lobby.length} ${lobby.length === 1 ? 'person is' : 'people are'} waiting to be admitted.`}
        {disabled && lobby.length > 0 ? ' Reconnecting — admitting resumes once the connection is back.' : ''}
      </p>
      {lobby.length > 0 ? (
        <>
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {lobby.map((p, index) => (
              <li
                key={p.id}
                data-participant-id={p.id}
                style={{
                  display: 'flex',
                  flexWrap: 'wrap',
                  gap: '0.5rem',
                  alignItems: 'center',
                  marginBottom: '0.75rem',
                }}
              >
                {/* The name and its mark take the panel's width (an address is long); the buttons go below. */}
                <span style={{ flexBasis: '100%' }}>
                  {label(p)}
                  {p.mark ? <MarkLine mark={p.mark} id={`${markIdPrefix}-${index}`} /> : null}
                </span>
                <button
                  type="button"
                  className="button"
                  disabled={disabled}
                  aria-describedby={p.mark ? `${markIdPrefix}-${index}` : undefined}
                  ref={(el) => {
                    if (el) admitButtons.current.set(p.id, el);
                    else admitButtons.current.delete(p.id);
                  }}
                  onClick={() => act(index, () => onAdmit([p.id]))}
                  aria-label={`Admit ${label(p)}`}
                >
                  Admit
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={disabled}
                  onClick={() => act(index, () => onDeny(p.id))}
                  aria-label={`Deny ${label(p)}`}
                  aria-describedby={p.mark ? `${markIdPrefix}-${index}` : undefined}
                >
                  Deny
                </button>
              </li>
            ))}
          </ul>
          {marked ? (
            // Only people Vestibule verified: the withdrawn and the unknown are admitted one by one, if at all.
            verified.length > 0 ? (
              <button
                type="button"
                className="button"
                disabled={disabled}
                onClick={() => act(0, () => onAdmit(verified))}
              >
                Admit all verified ({verified.length})
              </button>
            ) : null
          ) : lobby.length > 1 ? (
            <button type="button" className="button" disabled={disabled} onClick={() => act(0, () => onAdmit('all'))}>
              Admit all
            </button>
          ) : null}
        </>
      ) : null}
      {onRemove && inMeeting.length > 0 ? (
        <>
          <h2 id={inMeetingHeadingId} style={{ fontSize: '1rem', margin: '1rem 0 0.5rem' }}>
            In the meeting ({inMeeting.length})
          </h2>
          <ul aria-labelledby={inMeetingHeadingId} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {inMeeting.map((p) => (
              <li
                key={p.id}
                data-participant-id={p.id}
                style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', marginBottom: '0.5rem' }}
              >
                <span style={{ flex: 1 }}>{label(p)}</span>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={disabled}
                  onClick={() => onRemove(p.id)}
                  aria-label={`Remove ${label(p)}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
