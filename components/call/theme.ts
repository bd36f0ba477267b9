/**
 * The composite in Vestibule's colours: a Fluent `PartialTheme` read from the site's CSS palette
 * (`app/globals.css` `:root`), so the palette has one home and the call follows it.
 */
import type { PartialTheme } from '@fluentui/react';

const FALLBACK = { brand: '#4f52b2', brandStrong: '#3b3e94', text: '#1b1b1f', surface: '#ffffff', danger: '#a4262c' };

function cssVar(styles: CSSStyleDeclaration, name: string, fallback: string): string {
  return styles.getPropertyValue(name).trim() || fallback;
}

export function vestibuleTheme(root: Element | undefined = globalThis.document?.documentElement): PartialTheme {
  const styles = root ? getComputedStyle(root) : undefined;
  const read = (name: string, fallback: string) => (styles ? cssVar(styles, name, fallback) : fallback);
  const brand = read('--brand', FALLBACK.brand);
  const brandStrong = read('--brand-strong', FALLBACK.brandStrong);
  return {
    palette: {
      themePrimary: brand,
      themeDarkAlt: brandStrong,
      themeDark: brandStrong,
      themeDarker: brandStrong,
      neutralPrimary: read('--text', FALLBACK.text),
      white: read('--surface', FALLBACK.surface),
    },
    semanticColors: { errorText: read('--danger', FALLBACK.danger) },
  };
}
