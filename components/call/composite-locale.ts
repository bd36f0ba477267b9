'use client';

import type { CompositeLocale } from '@azure/communication-react';
import { isLocale, type Locale } from '@/lib/i18n/locales';

/**
 * The UI Library's own translation of the `CallComposite` (its buttons, menus, lobby, dialogs) in the
 * guest's language: `COMPOSITE_LOCALE_*` exported by @azure/communication-react, one dynamic import per
 * language so only the guest's language is downloaded. Cached: the pre-join starts the download and
 * the call reuses it.
 */
const LOADERS: Record<Locale, () => Promise<{ default: CompositeLocale }>> = {
  en: () => import('./composite-locales/en'),
  de: () => import('./composite-locales/de'),
  fr: () => import('./composite-locales/fr'),
  es: () => import('./composite-locales/es'),
};

const cache = new Map<Locale, Promise<CompositeLocale>>();

export function loadCompositeLocale(locale: string): Promise<CompositeLocale> {
  const key: Locale = isLocale(locale) ? locale : 'en';
  let loading = cache.get(key);
  if (!loading) {
    loading = LOADERS[key]().then((m) => m.default);
    // A failed download may succeed on the next try (a flaky network): don't cache the failure.
    loading.catch(() => cache.delete(key));
    cache.set(key, loading);
  }
  return loading;
}
