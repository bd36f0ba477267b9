'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, LOCALE_NAMES, LOCALES, type Locale } from '@/lib/i18n/locales';

/** Kept for a year, for every page of the site: the server reads it on the next render. */
function rememberLocale(locale: Locale): void {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax`;
}

/**
 * The guest's language, chosen by hand: one button per language, each named in its own language (and
 * marked with `lang`, so a screen reader pronounces "Français" as French). The choice is kept in a
 * cookie for a year and wins over the invitation's language and the browser's (lib/i18n/locales.ts);
 * the page re-renders from the server in place, keeping what the guest was doing.
 */
export function LanguageSwitcher() {
  const t = useTranslations('Language');
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const choose = (locale: Locale) => {
    rememberLocale(locale);
    startTransition(() => router.refresh());
  };

  return (
    <nav aria-label={t('label')} className="language-switcher" aria-busy={pending}>
      <ul
        style={{ display: 'flex', flexWrap: 'wrap', gap: '0.25rem', listStyle: 'none', margin: '0 0 1rem', padding: 0 }}
      >
        {LOCALES.map((locale) => (
          <li key={locale}>
            <button
              type="button"
              lang={locale}
              className="button button--secondary"
              // Not by colour alone: the current language is also bold and underlined.
              style={{
                padding: '0.25rem 0.6rem',
                fontSize: '0.9rem',
                ...(locale === current ? { fontWeight: 700, textDecoration: 'underline' } : { fontWeight: 400 }),
              }}
              aria-pressed={locale === current}
              disabled={pending}
              onClick={() => choose(locale)}
            >
              {LOCALE_NAMES[locale]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
