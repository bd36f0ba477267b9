/**
 * The languages guests can read Vestibule in, and how one is chosen for a request. Plain code with no
 * Next or server imports: the pages, the route handlers, the mails and the tests all decide the same way.
 */
export const LOCALES = ['en', 'de', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The guest's own choice from the language switcher: one year, like any site's language preference. */
export const LOCALE_COOKIE = 'vestibule-lang';
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** Each language named in itself, as switchers do, so a guest finds their own without reading ours. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The supported language an `Accept-Language` header prefers, or undefined. Ranges are tried by
 * quality (ties keep header order); a region (`de-AT`) matches its language, `*` matches nothing in
 * particular (it says "anything", not "English"), and `q=0` means "not this one".
 */
export function fromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', quality, index };
    })
    .filter((r) => r.language && Number.isFinite(r.quality) && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranges.map((r) => r.language).find(isLocale);
}

/**
 * The language of a guest page. Precedence, most deliberate first:
 * 1. the guest's own pick in the switcher (the cookie) — a person choosing beats any guess;
 * 2. the language staff chose for this guest's invitation — the page then continues in the language
 *    of the mail the guest just read, even on a borrowed or company browser set to another language;
 * 3. the browser's `Accept-Language`;
 * 4. English.
 */
export function negotiateLocale(input: {
  cookie?: string | null;
  invitation?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(input.cookie)) return input.cookie;
  if (isLocale(input.invitation)) return input.invitation;
  return fromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LOCALE;
}
