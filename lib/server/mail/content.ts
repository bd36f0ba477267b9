import 'server-only';

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

export const PRODUCT_NAME = 'Vestibule';

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

/**
 * The HTML document every mail shares: its language (`lang`, a BCP 47 tag), a title, readable type and one centred column. `title`
 * is escaped here; `body` is HTML the caller built with `escapeHtml` around everything a person typed.
 */
export function htmlMail(title: string, body: string, lang = 'en'): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:24px;background:#ffffff;color:#1b1b1b;font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">
<main style="max-width:560px;margin:0 auto">
${body}
</main>
</body>
</html>
`;
}
