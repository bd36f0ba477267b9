import 'server-only';
import { createTranslator } from 'next-intl';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@/lib/i18n/locales';
import de from '@/lib/i18n/messages/de.json';
import en from '@/lib/i18n/messages/en.json';
import es from '@/lib/i18n/messages/es.json';
import fr from '@/lib/i18n/messages/fr.json';

/**
 * The mails' words come from the same catalogues as the guest pages (their `Mail` namespace), so a
 * guest reads the same names for the same steps ("Join", "Join now") in the mail and on the page.
 * All four are imported statically: mails are built synchronously on the server, never in a browser.
 */
const CATALOGUES: Record<Locale, typeof en> = { en, de, fr, es };

/** BCP 47 tags for dates in mails: a region picks the familiar order and 12/24-hour clock. */
const DATE_LOCALE: Record<Locale, string> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', es: 'es-ES' };

/** The mail language: a supported one, else English (a share made before languages existed has none). */
export function mailLocale(language: string | null | undefined): Locale {
  return isLocale(language) ? language : DEFAULT_LOCALE;
}

export function mailTranslator(locale: Locale) {
  return createTranslator({ locale, messages: CATALOGUES[locale], namespace: 'Mail' });
}

export function dateLocale(locale: Locale): string {
  return DATE_LOCALE[locale];
}
