import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import type { Locale } from '@/lib/i18n/locales';
import { loadMessages } from '@/lib/i18n/messages';

/**
 * Wraps a guest page: its client components get the one catalogue of the page's language (never the
 * others, and never the server-only mail texts), and the content carries `lang` so screen readers
 * pronounce it right. The root layout stays `lang="en"`: staff pages and the site's frame are English.
 */
export async function GuestIntl({ locale, children }: { locale: Locale; children: ReactNode }) {
  const { Mail: _serverOnly, ...messages } = await loadMessages(locale);
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone="UTC">
      <div lang={locale}>{children}</div>
    </NextIntlClientProvider>
  );
}
