import type en from '@/lib/i18n/messages/en.json';
import type { Locale } from '@/lib/i18n/locales';

// Typed message keys and locales for next-intl: a key missing from the English catalogue (the source
// of truth; the others are checked against it in lib/i18n/catalogues.test.ts) fails the type check.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
