'use client';

import { usePathname } from 'next/navigation';
import { useId, useState, type ReactNode } from 'react';

/**
 * The header's links: in a row on wide screens; on phones behind a Menu button (disclosure pattern:
 * `aria-expanded` on the button, the nav shown or hidden), closed again after each navigation.
 * Which of the two shows is decided by CSS (`.site-menu-toggle`, `.site-nav` in globals.css).
 */
export function SiteMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const navId = useId();
  // Closed again once a link took the visitor elsewhere (adjusted while rendering, not in an effect).
  const pathname = usePathname();
  const [openedOn, setOpenedOn] = useState(pathname);
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setOpen(false);
  }
  return (
    <>
      <button
        type="button"
        className="site-menu-toggle button button--secondary"
        aria-expanded={open}
        aria-controls={navId}
        onClick={() => setOpen((o) => !o)}
      >
        Menu
      </button>
      <nav id={navId} className="site-nav" aria-label="Main" data-open={open}>
        {children}
      </nav>
    </>
  );
}
