'use client';

import { DEFAULT_COMPOSITE_ICONS } from '@azure/communication-react';
import { registerIcons } from '@fluentui/react';
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
  registerIcons({
    icons: {
      ...DEFAULT_COMPOSITE_ICONS,
      ChevronDown: <ChevronDown20Regular />,
      ChevronRight: <ChevronRight20Regular />,
      Cancel: <Dismiss20Regular />,
    },
  });
}
