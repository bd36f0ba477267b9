import 'server-only';
import { getConfig } from '@/lib/config.js';

/** What every mail Vestibule sends is made of; the transport adds sender and recipient. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
  /**
   * An iCalendar `METHOD:REQUEST` object: sent as a `text/calendar; method=REQUEST` alternative (and
   * as an `.ics` attachment), so mail clients show the event with Accept/Decline.
   */
  calendarInvite?: string;
}

/** For text a person typed that goes into the HTML part of a mail. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Subject lines and greetings are single lines; a name must not smuggle in extra ones. */
export const oneLine = (value: string) => value.replace(/[\r\n\t]+/g, ' ').trim();

/** The organization's brand as the mails show it (BRAND_* in lib/config.js). */
export interface MailBrand {
  name: string;
  /** Absolute: a mail is read far from the site, so a logo path under public/ gets the app's origin. */
  logoUrl?: string;
  primaryColor: string;
}

export function mailBrand(config = getConfig()): MailBrand {
  const { name, logoUrl, primaryColor } = config.brand;
  return {
    name,
    logoUrl: logoUrl?.startsWith('/') ? `${config.appUrl}${logoUrl}` : logoUrl,
    primaryColor,
  };
}

/**
 * The top of every mail: the organization's logo (its name as the alt text, for clients that block
 * images) or its name, over a rule in its colour. Inline styles only: mail clients drop stylesheets.
 */
export function brandHeader(brand: MailBrand): string {
  const mark = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.name)}" height="32" style="height:32px;width:auto;border:0">`
    : `<span style="font-size:18px;font-weight:700;color:${brand.primaryColor}">${escapeHtml(brand.name)}</span>`;
  return `<div style="padding-bottom:12px;margin-bottom:24px;border-bottom:3px solid ${brand.primaryColor}">${mark}</div>`;
}

/**
 * The HTML document every mail shares: its language (`lang`, a BCP 47 tag), a title, the
 * organization's header, readable type and one centred column. `title` is escaped here; `body` is
 * HTML the caller built with `escapeHtml` around everything a person typed. Links take the brand's colour.
 */
export function htmlMail(title: string, body: string, lang = 'en', brand: MailBrand = mailBrand()): string {
  const links = `<style>a{color:${brand.primaryColor}}</style>`;
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${links}
</head>
<body style="margin:0;padding:24px;background:#ffffff;color:#1b1b1b;font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">
<main style="max-width:560px;margin:0 auto">
${brandHeader(brand)}
${body}
</main>
</body>
</html>
`;
}
