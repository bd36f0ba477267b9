/**
 * Telling the local adapter apart without importing it. The call components branch on "is this the
 * local adapter?" in both clouds; an `instanceof LocalCallAdapter` would put the whole local
 * adapter (WebRTC mesh, signalling, immer) into Azure mode's call code. A brand on the instance and
 * type-only imports keep it in the chunk that create-call-adapter.ts loads for local mode only.
 */
import type { LocalCallAdapter } from './adapter';
import type { LocalCallExtras } from './store';

export const LOCAL_ADAPTER_BRAND = Symbol.for('vestibule.LocalCallAdapter');

export function isLocalCallAdapter(adapter: unknown): adapter is LocalCallAdapter {
  return typeof adapter === 'object' && adapter !== null && LOCAL_ADAPTER_BRAND in adapter;
}

/** What the call shows of the local extras when there is no local adapter (Azure mode, or not yet). */
export const NO_LOCAL_EXTRAS: LocalCallExtras = {
  role: undefined,
  isHost: false,
  lobby: [],
  notice: undefined,
  connection: 'idle',
  audioBlocked: false,
};
