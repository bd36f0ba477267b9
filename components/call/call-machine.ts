/**
 * The guest's way through a call as explicit states, so the page shows exactly one of them:
 *
 *   devices ──join──▶ joining ──page: lobby──▶ lobby ──page: call──▶ inCall
 *      ▲                 │                       │                     │
 *      │                 └──── refused / failed / ended ───────────────┴──▶ ended ──rejoin──▶ joining
 *
 * Pure (no React, no adapter): `GuestJourney` feeds it what the token route and the adapter report.
 * It also says which status to report to staff (`in_lobby`, `joined`, `left`) on each transition.
 */
import {
  endMessage,
  joinFailedMessage,
  TOKEN_REFUSAL_MESSAGES,
  type EndMessage,
  type TokenRefusal,
} from './end-messages';

export type CallState =
  | { kind: 'devices' }
  | { kind: 'joining'; attempt: number }
  /** `waiting`: admitted not yet (the Teams lobby), as opposed to still connecting. */
  | { kind: 'lobby'; attempt: number; waiting: boolean; refusal?: TokenRefusal }
  | { kind: 'inCall'; attempt: number; refusal?: TokenRefusal }
  | { kind: 'ended'; attempt: number; message: EndMessage };

export type CallEvent =
  | { type: 'join' }
  /** The token route refused (at join, or a refresh during the call). */
  | { type: 'tokenRefused'; refusal: TokenRefusal }
  /** Joining failed before any call existed (network, service error): say so, allow a retry. */
  | { type: 'joinFailed'; message: string }
  /** The adapter's page; `waiting` when the call is InLobby. */
  | { type: 'page'; page: string; waiting?: boolean }
  | { type: 'ended'; code: number; subCode?: number; noNetwork?: boolean };

export type GuestStatus = 'in_lobby' | 'joined' | 'left';

export const INITIAL_CALL_STATE: CallState = { kind: 'devices' };

const inCall = (s: CallState) => s.kind === 'joining' || s.kind === 'lobby' || s.kind === 'inCall';

export function callReducer(state: CallState, event: CallEvent): CallState {
  switch (event.type) {
    case 'join':
      if (state.kind === 'devices') return { kind: 'joining', attempt: 1 };
      if (state.kind === 'ended' && state.message.canRejoin) return { kind: 'joining', attempt: state.attempt + 1 };
      return state;
    case 'tokenRefused':
      // Before the call exists, a refusal ends the attempt. During the call it is remembered, not a
      // kick (revocation stops new tokens; it does not remove anyone): it explains the end later.
      if (state.kind === 'joining')
        return { kind: 'ended', attempt: state.attempt, message: TOKEN_REFUSAL_MESSAGES[event.refusal] };
      if (state.kind === 'lobby' || state.kind === 'inCall') return { ...state, refusal: event.refusal };
      // Learned after the end (the service refused the token, the route says why): say that instead.
      if (state.kind === 'ended') return { ...state, message: TOKEN_REFUSAL_MESSAGES[event.refusal] };
      return state;
    case 'joinFailed':
      if (state.kind !== 'joining') return state;
      return { kind: 'ended', attempt: state.attempt, message: joinFailedMessage(event.message) };
    case 'page': {
      if (!inCall(state)) return state;
      const refusal = refusalOf(state);
      const kept = { attempt: state.attempt, ...(refusal ? { refusal } : {}) };
      if (event.page === 'lobby') {
        const waiting = event.waiting ?? false;
        return state.kind === 'lobby' && state.waiting === waiting ? state : { kind: 'lobby', waiting, ...kept };
      }
      if (event.page === 'call') return state.kind === 'inCall' ? state : { kind: 'inCall', ...kept };
      return state;
    }
    case 'ended': {
      if (!inCall(state)) return state;
      return { kind: 'ended', attempt: state.attempt, message: endMessage(event, refusalOf(state)) };
    }
  }
}

function refusalOf(state: CallState): TokenRefusal | undefined {
  return state.kind === 'lobby' || state.kind === 'inCall' ? state.refusal : undefined;
}

/** The status staff should see after a transition, or undefined when it did not change. */
export function statusChange(before: CallState, after: CallState): GuestStatus | undefined {
  if (after.kind === 'lobby' && after.waiting && !(before.kind === 'lobby' && before.waiting)) return 'in_lobby';
  if (after.kind === 'inCall' && before.kind !== 'inCall') return 'joined';
  // Only a guest who was in the lobby or the call "left"; a refused join never got that far.
  if (after.kind === 'ended' && (before.kind === 'lobby' || before.kind === 'inCall')) return 'left';
  return undefined;
}
