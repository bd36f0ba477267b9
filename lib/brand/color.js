// @ts-check
/**
 * Colour arithmetic for the organization's brand colour. Plain JavaScript (with JSDoc types) because
 * `lib/config.js` validates BRAND_PRIMARY_COLOR with it and is loaded by `next.config.js` without a
 * TypeScript loader; the site's CSS variables and the call's Fluent palette are derived from it too.
 */

const HEX = /^#([0-9a-f]{6})$/i;

/** `#rrggbb` (either case); shorthand `#rgb` and names are refused so one value means one colour everywhere. */
export const isHexColor = (/** @type {string} */ value) => HEX.test(value);

/**
 * @param {string} hex `#rrggbb`
 * @returns {[number, number, number]}
 */
export function parseHex(hex) {
  const match = HEX.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = Number.parseInt(/** @type {string} */ (match[1]), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** @param {[number, number, number]} rgb */
const toHex = (rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/**
 * Moves `hex` toward white (amount > 0) or black (amount < 0) by |amount| (0…1): the way Fluent's
 * palettes step from a theme's primary colour to its tints and shades.
 * @param {string} hex
 * @param {number} amount
 */
export function mix(hex, amount) {
  const target = amount >= 0 ? 255 : 0;
  const t = Math.min(1, Math.abs(amount));
  return toHex(/** @type {[number, number, number]} */ (parseHex(hex).map((c) => c + (target - c) * t)));
}

/**
 * WCAG 2 relative luminance.
 * @param {string} hex
 */
export function luminance(hex) {
  const [r, g, b] = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * /** @type {number} */ (r) + 0.7152 * /** @type {number} */ (g) + 0.0722 * /** @type {number} */ (b);
}

/**
 * WCAG 2 contrast ratio of two colours (1…21).
 * @param {string} a
 * @param {string} b
 */
export function contrast(a, b) {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The brand colour carries white text (buttons, the logo mark) and is the link colour's base on white,
 * so it must reach WCAG AA for normal text against white.
 */
export const MIN_CONTRAST_ON_WHITE = 4.5;
