import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, negotiateLocale } from './locales';

describe('fromAcceptLanguage', () => {
  it('takes the first supported language by quality, a region matching its language', () => {
    expect(fromAcceptLanguage('de-DE,de;q=0.9,en;q=0.8')).toBe('de');
    expect(fromAcceptLanguage('ja-JP, fr-CA;q=0.7, en;q=0.5')).toBe('fr');
    expect(fromAcceptLanguage('en;q=0.3, es-MX;q=0.9')).toBe('es');
  });

  it('keeps header order between equal qualities', () => {
    expect(fromAcceptLanguage('fr, de')).toBe('fr');
    expect(fromAcceptLanguage('DE-at, fr')).toBe('de');
  });

  it('ignores refused (q=0), unsupported, wildcard and malformed ranges', () => {
    expect(fromAcceptLanguage('de;q=0, fr;q=0.1')).toBe('fr');
    expect(fromAcceptLanguage('ja, zh-CN;q=0.8, *;q=0.5')).toBeUndefined();
    expect(fromAcceptLanguage('de;q=abc, ;;, es')).toBe('es');
    expect(fromAcceptLanguage('')).toBeUndefined();
    expect(fromAcceptLanguage(null)).toBeUndefined();
  });
});

describe('negotiateLocale', () => {
  it('prefers the guest’s switcher choice, then the invitation’s language, then the browser, then English', () => {
    const all = { cookie: 'es', invitation: 'fr', acceptLanguage: 'de-DE' };
    expect(negotiateLocale(all)).toBe('es');
    expect(negotiateLocale({ ...all, cookie: undefined })).toBe('fr');
    expect(negotiateLocale({ ...all, cookie: undefined, invitation: null })).toBe('de');
    expect(negotiateLocale({ acceptLanguage: 'ja' })).toBe('en');
    expect(negotiateLocale({})).toBe('en');
  });

  it('ignores a cookie or invitation language that is not a supported one', () => {
    expect(negotiateLocale({ cookie: 'xx', invitation: 'it', acceptLanguage: 'fr' })).toBe('fr');
    expect(negotiateLocale({ cookie: '../en', acceptLanguage: 'de' })).toBe('de');
  });
});
