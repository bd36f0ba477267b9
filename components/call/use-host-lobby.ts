'use client';

import { useEffect, useRef, useState } from 'react';
import type { ShareIdentityView } from '@/lib/api/host-lobby';
import type { HostControls, HostControlsView } from '@/lib/calling/host-controls';
import { fetchIdentities, reportRemoval, sendHeartbeat, sendHostLeft } from './host-lobby-api';
import { removalStep } from './lobby-marks';

/** Beat again this soon after acting on a removal, to confirm it without waiting a whole period. */
const FOLLOW_UP_MS = 1_000;
const FIRST_BEAT_MS = 5_000;

export interface HostLobbyKnowledge {
  /** The meeting's share identities; undefined until first loaded. */
  identities: ShareIdentityView[] | undefined;
  /** Lobby identities present when `identities` was asked for (see markLobby). */
  checked: ReadonlySet<string>;
}

/**
 * The host's client as Vestibule's hand in the meeting, while it is connected as organizer or
 * presenter: it loads which waiting people Vestibule verified (again whenever someone new waits, and
 * with every beat while anyone waits, so a revocation shows), beats so staff know a Vestibule host is
 * in, and carries out the removals staff asked for by revoking a guest in the call — remove, watch
 * them go, then report only what it saw (see removalStep).
 */
export function useHostLobby(meetingId: string, controls: HostControls, view: HostControlsView): HostLobbyKnowledge {
  const [knowledge, setKnowledge] = useState<HostLobbyKnowledge>({ identities: undefined, checked: new Set() });
  const lobbyRef = useRef(view.lobby);
  const checkedRef = useRef(knowledge.checked);
  const loading = useRef(false);
  const active = view.isHost && view.connection === 'connected';

  useEffect(() => {
    lobbyRef.current = view.lobby;
    checkedRef.current = knowledge.checked;
  });

  const refresh = useRef(async () => {
    if (loading.current) return;
    loading.current = true;
    const asked = new Set(lobbyRef.current.map((p) => p.identity));
    try {
      const identities = await fetchIdentities(meetingId);
      if (identities) setKnowledge({ identities, checked: asked });
    } finally {
      loading.current = false;
    }
  });

  // Someone new in the lobby: look them up now rather than at the next beat.
  const lobbyKey = view.lobby.map((p) => p.identity).join('|');
  useEffect(() => {
    if (!active) return;
    if (lobbyRef.current.some((p) => p.external && !checkedRef.current.has(p.identity))) void refresh.current();
  }, [active, lobbyKey]);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const requested = new Map<string, number>();

    // A client that cannot remove guests (azure) never beats: staff then read "remove them in Teams"
    // instead of a removal it could never carry out. It still looks up who waits, on the same clock.
    const canRemove = controls.canRemoveGuests;
    const beat = async () => {
      const answer = canRemove ? await sendHeartbeat(meetingId) : undefined;
      if (stopped) return;
      let next = answer?.nextBeatMs ?? FIRST_BEAT_MS;
      if (lobbyRef.current.length > 0) void refresh.current();
      for (const removal of answer?.removals ?? []) {
        const now = Date.now();
        const step = removalStep({
          acsUserIds: removal.acsUserIds,
          inCall: controls.getView().participants.map((p) => p.id),
          lobby: lobbyRef.current,
          requestedAt: requested.get(removal.shareId),
          now,
        });
        if (step.kind === 'remove') {
          requested.set(removal.shareId, now);
          // A refusal shows in the controls' notice; the next beat looks again.
          for (const id of step.participantIds) void controls.remove(id).catch(() => undefined);
        } else if (step.kind === 'deny') {
          requested.set(removal.shareId, now);
          for (const id of step.participantIds) controls.reject(id);
        } else if (step.kind === 'confirm') {
          if (await reportRemoval(meetingId, removal.shareId, step.outcome)) requested.delete(removal.shareId);
          if (stopped) return;
        }
        if (step.kind !== 'confirm') next = Math.min(next, FOLLOW_UP_MS);
      }
      timer = setTimeout(() => void beat(), next);
    };
    void beat();
    return () => {
      stopped = true;
      clearTimeout(timer);
      // Staff are told at once that no Vestibule host can remove anyone now (not after the timeout).
      if (canRemove) sendHostLeft(meetingId);
    };
  }, [active, controls, meetingId]);

  return knowledge;
}
