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
