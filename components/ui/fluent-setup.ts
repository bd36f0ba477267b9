'use client';

/**
 * Import this before anything from Fluent UI or the ACS UI Library. Fluent v8 registers Segoe UI web
 * fonts from Microsoft's CDN when it loads unless `FabricConfig.fontBaseUrl` is set; an empty base
 * URL keeps it from registering them, so the page uses the system font stack instead of fetching
 * fonts from a third party (which a closed network also cannot reach).
 */
type FabricWindow = Window & { FabricConfig?: { fontBaseUrl?: string; iconBaseUrl?: string } };

if (typeof window !== 'undefined') {
  const w = window as FabricWindow;
  w.FabricConfig = { ...w.FabricConfig, fontBaseUrl: '' };
}

export {};
