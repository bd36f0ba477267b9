'use client';

import type { CommonCallAdapter } from '@azure/communication-react';
import { useMemo, useSyncExternalStore } from 'react';
import { createAzureHostControls, teamsCallAgentOf } from '@/lib/calling/azure-host-controls';
import { NO_HOST_VIEW, type HostControls, type HostControlsView } from '@/lib/calling/host-controls';
import { isLocalCallAdapter } from '@/lib/calling/local/brand';
import { createLocalHostControls } from '@/lib/calling/local/local-host-controls';

/**
 * The host controls of the call's adapter: over the local adapter in local mode, over the Teams call
 * agent behind a Teams user's adapter in Azure mode; none for an ACS user's call (guests never host).
 */
export function useHostControls(adapter: CommonCallAdapter | undefined): HostControls | undefined {
  // Side-effect free to make (the Azure controls listen to the SDK only while subscribed), so a memo
  // suffices and StrictMode's double render leaves nothing behind.
  return useMemo(() => {
    if (!adapter) return undefined;
    if (isLocalCallAdapter(adapter)) return createLocalHostControls(adapter);
    const agent = teamsCallAgentOf(adapter);
    return agent ? createAzureHostControls(agent) : undefined;
  }, [adapter]);
}

/** The controls' live view; the empty view without controls. */
export function useHostView(controls: HostControls | undefined): HostControlsView {
  const subscribe = useMemo(
    () => (onChange: () => void) => controls?.subscribe(onChange) ?? (() => undefined),
    [controls],
  );
  const snapshot = useMemo(() => () => controls?.getView() ?? NO_HOST_VIEW, [controls]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
