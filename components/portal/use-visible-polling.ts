'use client';

import { useEffect, useRef } from 'react';

/**
 * Calls `poll` every `intervalMs` while the page is visible, and once as soon as it becomes visible
 * again; never two at a time. Cheap enough for a meeting page that staff keep open while guests
 * join (one small GET every few seconds, none from a hidden tab), and simpler than a push feed.
 */
export function useVisiblePolling(poll: () => Promise<unknown>, intervalMs: number): void {
  const latest = useRef(poll);
  useEffect(() => {
    latest.current = poll;
  }, [poll]);

  useEffect(() => {
    let running = false;
    const tick = () => {
      if (running || document.visibilityState !== 'visible') return;
      running = true;
      void latest
        .current()
        .catch(() => undefined)
        .finally(() => {
          running = false;
        });
    };
    const timer = setInterval(tick, intervalMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [intervalMs]);
}
