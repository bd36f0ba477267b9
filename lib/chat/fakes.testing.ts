/**
 * Minimal call and chat adapters for the chat composition's unit tests: real event emitters and
 * state, and every operation recorded by name (the composition only routes, so that is what to see).
 */
import type { CallAdapterState, ChatAdapter, ChatAdapterState, CommonCallAdapter } from '@azure/communication-react';
import { EventEmitter } from 'events';

export interface Fake<T> {
  adapter: T;
  /** Operation names in call order, with their arguments. */
  calls: Array<[string, unknown[]]>;
  setState(patch: Record<string, unknown>): void;
  emit(event: string, payload: unknown): void;
  disposed(): number;
}

function fake<T>(initial: Record<string, unknown>): Fake<T> {
  const emitter = new EventEmitter();
  const calls: Array<[string, unknown[]]> = [];
  let state = initial;
  let disposals = 0;
  const own: Record<string, unknown> = {
    getState: () => state,
    onStateChange: (h: (s: unknown) => void) => emitter.on('state', h),
    offStateChange: (h: (s: unknown) => void) => emitter.off('state', h),
    on: (e: string, l: (x: unknown) => void) => emitter.on(e, l),
    off: (e: string, l: (x: unknown) => void) => emitter.off(e, l),
    dispose: () => void disposals++,
  };
  const adapter = new Proxy(own, {
    get(target, name: string) {
      if (name in target) return target[name];
      if (name === 'then') return undefined;
      return (...args: unknown[]) => {
        calls.push([name, args]);
        return Promise.resolve(`${name}-result`);
      };
    },
  }) as unknown as T;
  return {
    adapter,
    calls,
    setState(patch) {
      state = { ...state, ...patch };
      emitter.emit('state', state);
    },
    emit: (event, payload) => emitter.emit(event, payload),
    disposed: () => disposals,
  };
}

export const USER = { communicationUserId: '8:acs:guest', kind: 'communicationUser' } as const;

export function fakeCallAdapter(): Fake<CommonCallAdapter> {
  const state: Partial<CallAdapterState> = {
    userId: USER,
    page: 'configuration',
    displayName: 'Gina Guest',
    devices: { isSpeakerSelectionAvailable: false, cameras: [], microphones: [], speakers: [], unparentedViews: [] },
    isLocalPreviewMicrophoneEnabled: true,
    isTeamsCall: false,
    isTeamsMeeting: true,
    isRoomsCall: false,
    latestErrors: {},
    latestNotifications: {},
  };
  return fake<CommonCallAdapter>(state);
}

export function fakeChatAdapter(): Fake<ChatAdapter> {
  const state = {
    userId: USER,
    displayName: 'Gina Guest',
    thread: {
      chatMessages: {},
      participants: {},
      threadId: '',
      readReceipts: [],
      typingIndicators: [],
      latestReadTime: new Date(0),
    },
    latestErrors: {},
  } as unknown as ChatAdapterState;
  return fake<ChatAdapter>(state);
}
