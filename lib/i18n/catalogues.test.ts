import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import de from '@/lib/i18n/messages/de.json';
import en from '@/lib/i18n/messages/en.json';
import es from '@/lib/i18n/messages/es.json';
import fr from '@/lib/i18n/messages/fr.json';
import { LOCALES, type Locale } from './locales';

/**
 * No guest-facing string is left untranslated: every catalogue has every key of the English one (the
 * source), none empty, with the same placeholders and tags, and each formats without an ICU error;
 * and the guest pages' components write no words of their own in JSX (they all come from a catalogue).
 */
const CATALOGUES: Record<Locale, unknown> = { en, de, fr, es };

type Flat = Map<string, unknown>;
function flatten(value: unknown, prefix = '', into: Flat = new Map()): Flat {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

/** `{name}` arguments and `<tag>` names of an ICU message, sorted: what a translation must keep. */
function slots(message: string): string[] {
  const args = [...message.matchAll(/\{\s*([A-Za-z0-9_]+)\s*[,}]/g)].map((m) => `{${m[1]}}`);
  const tags = [...message.matchAll(/<([A-Za-z0-9_]+)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...args, ...tags])].sort();
}

const english = flatten(en);

describe('message catalogues', () => {
  it('exist for every supported language', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the English keys', (locale) => {
    const keys = [...flatten(CATALOGUES[locale]).keys()].sort();
    expect(keys).toEqual([...english.keys()].sort());
  });

  it.each(LOCALES)('%s has no empty message, and keeps every placeholder and tag of the English one', (locale) => {
    const flat = flatten(CATALOGUES[locale]);
    for (const [key, source] of english) {
      const message = flat.get(key);
      expect(typeof message, key).toBe('string');
      expect((message as string).trim(), key).not.toBe('');
      expect(slots(message as string), `${locale}: ${key}`).toEqual(slots(source as string));
    }
  });

  it.each(LOCALES)('%s formats every message without an ICU error', (locale) => {
    const errors: string[] = [];
    const t = createTranslator({
      locale,
      messages: CATALOGUES[locale] as typeof en,
      onError: (error) => errors.push(error.message),
    });
    for (const [key, source] of english) {
      const values: Record<string, unknown> = {};
      for (const slot of slots(source as string)) {
        const name = slot.slice(1, -1);
        values[name] = slot.startsWith('<') ? (chunks: string) => chunks : 'x';
      }
      (t.markup as (k: string, v: unknown) => string)(key, values);
    }
    expect(errors).toEqual([]);
  });

  it('does not keep an English message in another language unchanged, except names and symbols', () => {
    // Short labels can legitimately coincide across languages (a product name, "Details: {detail}"):
    // those are listed; anything else equal to English was probably forgotten.
    const same = new Set(['Mail.signature', 'Mail.signIn.codeLabel']);
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const flat = flatten(CATALOGUES[locale]);
      const untranslated = [...english].filter(
        ([key, value]) => !same.has(key) && flat.get(key) === value && /\p{L}{3,}/u.test(String(value)),
      );
      expect(untranslated.map(([key]) => `${locale}: ${key}`)).toEqual([]);
    }
  });
});

/** Every file of the guest's pages: words in them must come from the catalogues. */
const GUEST_SOURCES = [
  'app/join',
  'app/device-check',
  'components/join',
  'components/device-check',
  'components/call/EndScreen.tsx',
  'components/call/GuestCall.tsx',
  'components/call/GuestCallLoader.tsx',
];

const ROOT = path.resolve(__dirname, '../..');
function tsxFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (full.endsWith('.tsx')) return [full];
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && f.name.endsWith('.tsx') && !f.name.includes('.test.'))
    .map((f) => path.join(f.parentPath, f.name));
}

/** Attributes a person reads or hears. */
const SPOKEN_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'aria-description']);

/** Text a person would read that is written in the JSX itself, with its file and line. */
function jsxLiterals(file: string, code = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const words = (text: string) => /\p{L}/u.test(text);
  const report = (node: ts.Node, text: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push(`${path.relative(ROOT, file)}:${line} ${text.trim()}`);
  };
  const stringOf = (e: ts.Expression | undefined) =>
    e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) ? e.text : undefined;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && words(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const text = stringOf(node.expression);
      if (text && words(text)) report(node, text);
    }
    if (ts.isJsxAttribute(node) && SPOKEN_ATTRIBUTES.has(node.name.getText(source))) {
      const init = node.initializer;
      const text =
        init && ts.isStringLiteral(init)
          ? init.text
          : init && ts.isJsxExpression(init)
            ? stringOf(init.expression)
            : undefined;
      if (text && words(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('guest pages', () => {
  const files = GUEST_SOURCES.flatMap(tsxFiles);

  it('are all found (a moved file must not silently leave this check)', () => {
    expect(files.length).toBeGreaterThanOrEqual(14);
  });

  it('write no words in JSX: every word comes from a catalogue', () => {
    expect(files.flatMap((file) => jsxLiterals(file))).toEqual([]);
  });

  it('(the check itself) finds words in JSX text, string expressions and spoken attributes, not in keys', () => {
    const probe = path.join(ROOT, 'probe.tsx');
    expect(jsxLiterals(probe, 'const a = <p>Join now</p>;')).toEqual(['probe.tsx:1 Join now']);
    expect(jsxLiterals(probe, "const a = <p>{'Sending…'}</p>;")).toEqual(['probe.tsx:1 Sending…']);
    expect(jsxLiterals(probe, 'const a = <video aria-label="Your camera" />;')).toEqual(['probe.tsx:1 Your camera']);
    expect(jsxLiterals(probe, "const a = <p title={'Meeting'}>{t('joinNow')} – {' '}</p>;")).toEqual([
      'probe.tsx:1 Meeting',
    ]);
    expect(jsxLiterals(probe, 'const a = <p data-testid="prejoin" className="banner">{t("x")}</p>;')).toEqual([]);
  });
});
