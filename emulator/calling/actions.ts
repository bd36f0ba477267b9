/**
 * What a joined participant may do in a call (state, signalling, lobby and remove actions) and who
 * hears about it. The rules come from policy.ts; taking someone out of a call stays with the service
 * (it owns timers and missed ends), which is passed in as `remove`.
 */
import type { ClientMessage, EndName, Participant, ServerMessage } from '../../lib/contracts/calling-protocol';
import { announceHandMoves, complianceOf, noteHand, renumberHands } from './meeting-state';
import { mayManageLobby, screenShareRefusal } from './policy';
import { type Call, type Member, connected, lobbyManagers, lobbyOf, othersOf } from './registry';
import { send, sendError } from './transport';

export type LeftReason = 'left' | 'removed' | 'dropped' | 'denied';
export type Remove = (m: Member, reason: LeftReason, end?: EndName) => void;

export function sendLobbyUpdate(call: Call): void {
  const lobby = lobbyOf(call);
  for (const m of lobbyManagers(call)) send(m.session, { type: 'lobby.updated', lobby });
}

/** Tells the right people that `m` changed: Connected peers, or the presenters for a lobby member. */
export function announceUpdate(m: Member): void {
  if (m.p.state === 'Connected') {
    for (const peer of connected(m.call, m)) send(peer.session, { type: 'participant.updated', participant: m.p });
  } else {
    sendLobbyUpdate(m.call);
  }
}

/** `participant.left` to those who knew the member: peers for a Connected one, lobby managers otherwise. */
export function announceLeft(m: Member, reason: LeftReason): void {
  const call = m.call;
  const notify = m.p.state === 'Connected' ? connected(call) : lobbyManagers(call);
  for (const peer of notify) send(peer.session, { type: 'participant.left', participantId: m.p.id, reason });
  if (m.p.state !== 'Connected') sendLobbyUpdate(call);
}

export function onState(me: Member, msg: Extract<ClientMessage, { type: 'state' }>): void {
  const { muted, cameraOn, screenSharing, speaking, handRaised } = msg;
  const refusal = screenSharing ? screenShareRefusal(me.p) : undefined;
  if (refusal === 'not_connected') {
    return sendError(me.session, 'not_connected', 'Screen sharing needs a Connected participant.');
  }
  if (refusal === 'not_allowed') {
    return sendError(me.session, 'not_allowed', 'Only presenters can share their screen in this meeting.');
  }
  const next: Participant = {
    ...me.p,
    ...(muted !== undefined && { muted }),
    ...(cameraOn !== undefined && { cameraOn }),
    ...(screenSharing !== undefined && { screenSharing }),
    ...(speaking !== undefined && { speaking }),
    ...(handRaised !== undefined && { handRaised }),
  };
  const changed = (Object.keys(next) as (keyof Participant)[]).some((k) => next[k] !== me.p[k]);
  if (!changed) return;
  const startsSharing = next.screenSharing && !me.p.screenSharing;
  const wasRaised = me.p.handRaised;
  me.p = next;
  noteHand(me, wasRaised);
  if (me.p.state !== 'Connected') return; // lobby members' media state is nobody's business yet
  const handMoves = wasRaised !== me.p.handRaised ? renumberHands(me.call) : [];
  if (startsSharing) {
    // One presenter at a time: the newest takes over, like Teams. The previous one hears it too.
    for (const other of me.call.members.values()) {
      if (other === me || !other.p.screenSharing) continue;
      other.p = { ...other.p, screenSharing: false };
      for (const m of connected(me.call)) send(m.session, { type: 'participant.updated', participant: other.p });
    }
  }
  announceUpdate(me);
  announceHandMoves(me.call, handMoves, me);
}

export function onSignal(me: Member, msg: Extract<ClientMessage, { type: 'signal' }>): void {
  const session = me.session;
  if (me.p.state !== 'Connected')
    return sendError(session, 'not_connected', 'Signalling needs a Connected participant.');
  if (msg.description === undefined && msg.candidate === undefined) {
    return sendError(session, 'invalid_message', 'A signal carries a description or a candidate.');
  }
  const target = me.call.members.get(msg.to);
  if (!target || target === me)
    return sendError(session, 'unknown_participant', `No participant ${msg.to} in this call.`);
  if (target.p.state !== 'Connected' || !target.session) {
    return sendError(session, 'not_connected', `Participant ${msg.to} is not connected.`);
  }
  const out: ServerMessage = { type: 'signal', from: me.p.id };
  if (msg.description !== undefined) out.description = msg.description;
  if (msg.candidate !== undefined) out.candidate = msg.candidate;
  send(target.session, out);
}

/** Admits the named lobby members (or all); returns those admitted, so their lobby timers can stop. */
export function onAdmit(me: Member, ids: string[] | 'all'): Member[] {
  if (!mayManageLobby(me.p)) {
    sendError(me.session, 'not_allowed', 'Only organizers and presenters can admit.');
    return [];
  }
  const call = me.call;
  const targets: Member[] = [];
  const unknown: string[] = [];
  if (ids === 'all') {
    for (const m of call.members.values()) if (m.p.state === 'InLobby') targets.push(m);
  } else {
    for (const id of new Set(ids)) {
      const m = call.members.get(id);
      if (m && m.p.state === 'InLobby') targets.push(m);
      else unknown.push(id);
    }
  }
  for (const m of targets) {
    m.p = { ...m.p, state: 'Connected' };
    // A hand raised in the lobby joins the queue now (its owner learns its place in `admitted`).
    const handMoves = m.p.handRaised ? renumberHands(call) : [];
    send(m.session, { type: 'admitted', self: m.p, participants: othersOf(m), compliance: complianceOf(call) });
    for (const peer of connected(call, m)) send(peer.session, { type: 'participant.joined', participant: m.p });
    announceHandMoves(call, handMoves, m);
    if (mayManageLobby(m.p)) send(m.session, { type: 'lobby.updated', lobby: lobbyOf(call) });
  }
  if (targets.length > 0) sendLobbyUpdate(call);
  if (unknown.length > 0) {
    sendError(me.session, 'unknown_participant', `Not waiting in the lobby: ${unknown.join(', ')}.`);
  }
  return targets;
}

export function onReject(me: Member, id: string, remove: Remove): void {
  if (!mayManageLobby(me.p))
    return sendError(me.session, 'not_allowed', 'Only organizers and presenters can deny entry.');
  const target = me.call.members.get(id);
  if (!target || target.p.state !== 'InLobby') {
    return sendError(me.session, 'unknown_participant', `${id} is not waiting in the lobby.`);
  }
  remove(target, 'denied', 'deniedFromLobby');
}

export function onRemoveOther(me: Member, id: string, remove: Remove): void {
  const session = me.session;
  if (!mayManageLobby(me.p))
    return sendError(session, 'not_allowed', 'Only organizers and presenters can remove people.');
  const target = me.call.members.get(id);
  if (!target || target === me)
    return sendError(session, 'unknown_participant', `No other participant ${id} in this call.`);
  if (target.p.state !== 'Connected') {
    return sendError(session, 'unknown_participant', `${id} is in the lobby: use lobby.reject.`);
  }
  if (target.p.role === 'organizer') return sendError(session, 'not_allowed', 'The organizer cannot be removed.');
  remove(target, 'removed', 'removed');
}
