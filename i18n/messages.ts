import type { Locale } from '@/lib/i18n/locales';

/**
 * One catalogue per language (messages/{locale}.json), loaded on demand so a server render holds only
 * the language it serves and a page's client bundle never contains a catalogue (see GuestIntl).
 */
export async function loadMessages(locale: Locale) {
  switch (locale) {
    case 'de':
      return (await import('@/messages/de.json')).default;
    case 'fr':
      return (await import('@/messages/fr.json')).default;
    case 'es':
      return (await import('@/messages/es.json')).default;
    default:
      return (await import('@/messages/en.json')).default;
  }
}

export type Messages = Awaited<ReturnType<typeof loadMessages>>;
