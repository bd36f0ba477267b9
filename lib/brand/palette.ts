/**
 * Everything coloured by the organization's brand colour, derived from that one value so the site and
 * the call's composite can't drift apart. Pure (no config, no DOM): the root layout feeds it the
 * configured colour for the site's CSS variables, and the call reads `--brand` back from the page.
 */
import { mix } from './color.js';

/** The CSS custom properties of `app/globals.css` that follow the brand (its `:root` holds the defaults). */
export function siteBrandVariables(primary: string): Record<`--${string}`, string> {
  return {
    '--brand': primary,
    // Hover and link colour: darker than the primary, so it keeps (and raises) its contrast on white.
    '--brand-strong': mix(primary, -0.25),
    '--brand-tint': mix(primary, 0.9),
    '--brand-tint-border': mix(primary, 0.7),
    '--focus-color': mix(primary, 0.4),
  };
}

/**
 * A Fluent UI v8 theme palette from one primary colour, stepped toward white and black the way
 * Fluent's default palette steps from #0078d4 (themeSecondary is 17 % toward white, themeDarker
 * 43 % toward black, …), so the composite's hover, pressed and selected states stay in the brand.
 */
export function fluentBrandPalette(primary: string) {
  return {
    themeDarker: mix(primary, -0.43),
    themeDark: mix(primary, -0.25),
    themeDarkAlt: mix(primary, -0.1),
    themePrimary: primary,
    themeSecondary: mix(primary, 0.17),
    themeTertiary: mix(primary, 0.44),
    themeLight: mix(primary, 0.78),
    themeLighter: mix(primary, 0.87),
    themeLighterAlt: mix(primary, 0.94),
  };
}
