'use client';

import { DEFAULT_COMPOSITE_ICONS } from '@azure/communication-react';
import { registerIcons, setIconOptions } from '@fluentui/react';
import { ChevronDown20Regular, ChevronRight20Regular, Dismiss20Regular } from '@fluentui/react-icons';

let registered = false;

/**
 * Registers the UI Library's icons, plus the Fluent v8 icon names its split buttons and menus use
 * (their chevrons render blank otherwise). SVG icons, not `initializeIcons()`: that one downloads an
 * icon font from a CDN, which an offline or locked-down network cannot reach.
 */
export function registerFluentIcons(): void {
  if (registered) return;
  registered = true;
  // The composites re-register their own icons on every render (BaseComposite), which would warn
  // "icons were re-registered" each time; the registrations are identical, so the warning is noise.
  setIconOptions({ disableWarnings: true });
  registerIcons({
    icons: {
      ...DEFAULT_COMPOSITE_ICONS,
      ChevronDown: <ChevronDown20Regular />,
      ChevronRight: <ChevronRight20Regular />,
      Cancel: <Dismiss20Regular />,
    },
  });
}
