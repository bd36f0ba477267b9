'use client';

import { useEffect, type RefObject } from 'react';

/**
 * The call takes the whole window over the site's header and footer (a fixed layer, so the root
 * layout stays as it is for every other page). What it covers must not scroll behind it nor take
 * keyboard focus either: the page stops scrolling and the body's other children are made inert
 * while the call is on screen.
 */
export function useTakeWindow(layer: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const own = layer.current;
    if (!own) return;
    const covered = [...document.body.children].filter(
      (el): el is HTMLElement => el instanceof HTMLElement && !el.contains(own) && !el.inert,
    );
    covered.forEach((el) => (el.inert = true));
    const overflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => {
      covered.forEach((el) => (el.inert = false));
      document.body.style.overflow = overflow;
    };
  }, [layer]);
}
