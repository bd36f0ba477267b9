import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrast, luminance, mix } from './color.js';
import { fluentBrandPalette, siteBrandVariables } from './palette';

describe('colours derived from the brand colour', () => {
  it('steps toward white and black', () => {
    expect(mix('#4f52b2', 1)).toBe('#ffffff');
    expect(mix('#4f52b2', -1)).toBe('#000000');
    expect(mix('#4f52b2', 0)).toBe('#4f52b2');
  });

  it("gives the composite a Fluent palette ordered from darkest to lightest, with the site's colour as primary", () => {
    const palette = fluentBrandPalette('#0f6cbd');
    expect(palette.themePrimary).toBe('#0f6cbd');
    const order = [
      palette.themeDarker,
      palette.themeDark,
      palette.themeDarkAlt,
      palette.themePrimary,
      palette.themeSecondary,
      palette.themeTertiary,
      palette.themeLight,
      palette.themeLighter,
      palette.themeLighterAlt,
    ].map(luminance);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The site's hover/link colour is the composite's themeDark: one brand, the same shades.
    expect(siteBrandVariables('#0f6cbd')['--brand-strong']).toBe(palette.themeDark);
  });

  it('keeps links and hover states readable: darker than the brand, so at least its contrast on white', () => {
    const vars = siteBrandVariables('#4f52b2');
    expect(contrast(vars['--brand-strong']!, '#ffffff')).toBeGreaterThan(contrast('#4f52b2', '#ffffff'));
  });

  it('matches the defaults written in app/globals.css, so the stylesheet alone shows the default brand', () => {
    const css = readFileSync(new URL('../../app/globals.css', import.meta.url), 'utf8');
    for (const [name, value] of Object.entries(siteBrandVariables('#4f52b2'))) {
      expect(css, name).toContain(`${name}: ${value};`);
    }
  });
});
