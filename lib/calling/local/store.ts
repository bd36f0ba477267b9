/**
 * What the local adapter shows: the UI Library's `CallAdapterState` (through the pure reducer in
 * state.ts), Vestibule's `LocalCallExtras`, and the adapter events. Every part of the adapter changes
 * them only through here, so `stateChanged`, `callEnded`, `extrasChanged` and `error` are emitted in
 * one place and exactly once per change.
 */
import type { CallAdapterState } from '@azure/communication-react';
import { EventEmitter } from 'events';
import type { Role } from '@/lib/contracts/calling-protocol';
import { NO_LOCAL_EXTRAS } from './brand';
import { LocalAdapterError } from './errors';
import { initialState, isEndPage, reduce, type StateEvent } from './state';

export interface LobbyEntry {
  id: string;
  identity: string;
  displayName: string;
  external: boolean;
}

export interface AdapterNotice {
  kind: 'info' | 'warning' | 'error';
  message: string;
}

/** What the local cloud adds beyond `CallAdapterState`: lobby for hosts, notices, own role, sound. */
export interface LocalCallExtras {
  role: Role | undefined;
  /** Whether this user may admit/deny/remove (organizer or presenter). */
  isHost: boolean;
  lobby: readonly LobbyEntry[];
  notice: AdapterNotice | undefined;
  /** Connection to the calling service. */
  connection: 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';
  /** The browser refused to play remote audio without a user gesture: offer "Click to enable sound". */
  audioBlocked: boolean;
}

type AnyListener = (...args: unknown[]) => void;

export class AdapterStore {
  private current: CallAdapterState;
  private currentExtras: LocalCallExtras = NO_LOCAL_EXTRAS;
  private readonly emitter = new EventEmitter();

  constructor(user: { userId: string; displayName: string }) {
    // The composite subscribes once per connected component (well over a hundred in a full call);
    // the default limit of 10 would warn about a leak that isn't one.
    this.emitter.setMaxListeners(1000);
    this.current = initialState(user);
  }

  get state(): CallAdapterState {
    return this.current;
  }

  get extras(): LocalCallExtras {
    return this.currentExtras;
  }

  /** Applies a reducer event; emits `stateChanged` when something changed and `callEnded` on entering an end page. */
  dispatch(event: StateEvent): void {
    const next = reduce(this.current, event);
    if (next === this.current) return;
    const previousPage = this.current.page;
    this.current = next;
    this.emitter.emit('stateChanged', next);
    if (!isEndPage(previousPage) && isEndPage(next.page) && next.endedCall) {
      this.emitter.emit('callEnded', {
        callId: next.endedCall.id,
        code: next.endedCall.callEndReason?.code,
        subCode: next.endedCall.callEndReason?.subCode,
      });
    }
  }

  /** Top-level fields the reducer does not own (UI-only settings such as background picker images). */
  patchState(patch: Partial<Pick<CallAdapterState, 'videoBackgroundImages' | 'selectedVideoBackgroundEffect'>>): void {
    this.current = { ...this.current, ...patch };
    this.emitter.emit('stateChanged', this.current);
  }

  setExtras(patch: Partial<LocalCallExtras>): void {
    const next = { ...this.currentExtras, ...patch };
    if ((Object.keys(patch) as (keyof LocalCallExtras)[]).every((k) => this.currentExtras[k] === next[k])) return;
    this.currentExtras = next;
    this.emitter.emit('extrasChanged', next);
  }

  /** Records the error in `latestErrors`, emits `error`, and returns it for the caller to throw. */
  reportError(target: string, message: string, cause?: unknown): LocalAdapterError {
    const error = new LocalAdapterError(target, message, cause);
    this.dispatch({ type: 'error', target, error });
    // An EventEmitter throws an 'error' event nobody listens to: that would turn a reported problem
    // (e.g. "joining muted" without a microphone) into an exception that aborts the join itself.
    if (this.emitter.listenerCount('error') > 0) this.emitter.emit('error', error);
    return error;
  }

  emit(event: string, payload?: unknown): void {
    this.emitter.emit(event, payload);
  }

  on(event: string, listener: AnyListener): void {
    this.emitter.on(event, listener);
  }

  off(event: string, listener: AnyListener): void {
    this.emitter.off(event, listener);
  }

  removeAllListeners(): void {
    this.emitter.removeAllListeners();
  }
}
