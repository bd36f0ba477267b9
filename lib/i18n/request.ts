import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from '@/lib/i18n/locales';
import { loadMessages } from './messages';

/**
 * next-intl's per-request configuration, without i18n routing (invitation links stay `/join/{id}`):
 * the language comes from the switcher's cookie or `Accept-Language` (lib/i18n/locales.ts). A page
 * that knows more — the invitation's own language — resolves it with `guestLocale` and passes it
 * explicitly (`getTranslations({ locale })`), which arrives here as `locale`.
 */
export async function requestLocale(invitation?: string | null): Promise<Locale> {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  return negotiateLocale({
    cookie: jar.get(LOCALE_COOKIE)?.value,
    invitation,
    acceptLanguage: head.get('accept-language'),
  });
}

export default getRequestConfig(async ({ locale }) => {
  const resolved = isLocale(locale) ? locale : await requestLocale();
  return {
    locale: resolved,
    messages: await loadMessages(resolved),
    // Meeting times are formatted in the browser's zone by the components themselves (LocalDateTime).
    timeZone: 'UTC',
  };
});
