'use client';

import type { CommonCallAdapter } from '@azure/communication-react';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { LocalCallAdapter, LocalCallExtras } from '@/lib/calling/local/adapter';
import { isLocalCallAdapter, NO_LOCAL_EXTRAS } from '@/lib/calling/local/brand';

/** `window.__vestibuleCall` (local mode only): a read-only debug hook for e2e tests. */
const DEBUG_HOOK = '__vestibuleCall';

/** The local adapter's extras (lobby, notices, blocked audio); the empty extras in Azure mode. */
export function useLocalExtras(adapter: CommonCallAdapter | undefined): LocalCallExtras {
  const local = isLocalCallAdapter(adapter) ? adapter : undefined;
  const subscribe = useCallback(
    (onChange: () => void) => {
      local?.onExtrasChange(onChange);
      return () => local?.offExtrasChange(onChange);
    },
    [local],
  );
  const snapshot = useCallback(() => local?.getExtras() ?? NO_LOCAL_EXTRAS, [local]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/** Exposes the local adapter's debug snapshot as `window.__vestibuleCall` while it is mounted. */
export function useDebugHook(local: LocalCallAdapter | undefined): void {
  useEffect(() => {
    if (!local) return;
    Object.defineProperty(window, DEBUG_HOOK, { configurable: true, enumerable: false, get: () => local.debug() });
    return () => {
      delete (window as unknown as Record<string, unknown>)[DEBUG_HOOK];
    };
  }, [local]);
}
