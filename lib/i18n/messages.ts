import type { Locale } from '@/lib/i18n/locales';

/**
 * One catalogue per language (lib/i18n/messages/{locale}.json), loaded on demand so a server render holds only
 * the language it serves and a page's client bundle never contains a catalogue (see GuestIntl).
 */
export async function loadMessages(locale: Locale) {
  switch (locale) {
    case 'de':
      return (await import('@/lib/i18n/messages/de.json')).default;
    case 'fr':
      return (await import('@/lib/i18n/messages/fr.json')).default;
    case 'es':
      return (await import('@/lib/i18n/messages/es.json')).default;
    default:
      return (await import('@/lib/i18n/messages/en.json')).default;
  }
}

export type Messages = Awaited<ReturnType<typeof loadMessages>>;
