/**
 * The composite in the organization's colours: a Fluent `PartialTheme` whose palette is derived from
 * the site's `--brand` (set by the root layout from BRAND_PRIMARY_COLOR), so the call and the site use
 * one brand colour and the same tints and shades of it.
 */
import type { PartialTheme } from '@fluentui/react';
import { isHexColor } from '@/lib/brand/color.js';
import { fluentBrandPalette } from '@/lib/brand/palette';

const FALLBACK = { brand: '#4f52b2', text: '#1b1b1f', surface: '#ffffff', danger: '#a4262c' };

export function vestibuleTheme(root: Element | undefined = globalThis.document?.documentElement): PartialTheme {
  const styles = root ? getComputedStyle(root) : undefined;
  const read = (name: string, fallback: string) => styles?.getPropertyValue(name).trim() || fallback;
  const brand = read('--brand', FALLBACK.brand);
  return {
    palette: {
      // The palette arithmetic needs #rrggbb, which is what the layout writes; anything else (a
      // stylesheet edited by hand) falls back rather than producing NaN colours.
      ...fluentBrandPalette(isHexColor(brand) ? brand.toLowerCase() : FALLBACK.brand),
      neutralPrimary: read('--text', FALLBACK.text),
      white: read('--surface', FALLBACK.surface),
    },
    semanticColors: { errorText: read('--danger', FALLBACK.danger) },
  };
}
