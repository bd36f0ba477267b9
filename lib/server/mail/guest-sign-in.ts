import 'server-only';
import type { Transporter } from 'nodemailer';
import { escapeHtml, htmlMail, mailBrand, oneLine, type MailContent } from './content';
import { mailLocale, mailTranslator } from './mail-messages';
import { sendMail, type SendResult } from './send';

export interface GuestSignInMailInput {
  guestEmail: string;
  meetingSubject: string;
  /** The absolute single-use link (it carries the token). */
  link: string;
  code: string;
  minutesValid: number;
  /** The language of the page the guest asked from (lib/i18n/locales.ts); none or unknown: English. */
  language?: string | null;
}

/**
 * The sign-in mail: a link for most people and the same sign-in as a short code for those whose mail
 * scanner opens links first (the link needs a click on the page, so a scanner can't use it up either).
 */
export function buildGuestSignInMail(input: GuestSignInMailInput): MailContent {
  const locale = mailLocale(input.language);
  const t = mailTranslator(locale);
  const subjectLine = oneLine(input.meetingSubject);
  // The organization's name (BRAND_NAME), as the site and the mail's header show it.
  const product = mailBrand().name;
  const subject = t('signIn.subject', { subject: subjectLine });
  const asked = t('signIn.asked', { subject: subjectLine, product, email: input.guestEmail });
  const validity = t('signIn.validity', { minutes: input.minutesValid });
  const signature = t('signature', { product });
  const text = [
    t('signIn.greeting'),
    '',
    asked,
    '',
    t('signIn.withLink'),
    input.link,
    '',
    `${t('signIn.orCode')} ${input.code}`,
    '',
    validity,
    t('signIn.ignore'),
    '',
    signature,
  ].join('\n');
  const h = escapeHtml;
  // Screen readers read the code digit by digit, not as one large number.
  const spokenCode = t('signIn.codeLabel', { spaced: input.code.split('').join(' ') });
  const html = htmlMail(
    subject,
    `<p>${h(t('signIn.greeting'))}</p>
<p>${h(asked)}</p>
<p style="margin:24px 0"><a href="${h(input.link)}" style="display:inline-block;padding:12px 20px;background:#4f52b2;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600">${h(t('signIn.button'))}</a></p>
<p>${h(t('signIn.orCode'))}</p>
<p style="font-size:28px;font-weight:600;letter-spacing:6px;font-family:Consolas,Menlo,monospace" aria-label="${h(spokenCode)}">${h(input.code)}</p>
<p style="color:#555555;font-size:14px">${h(validity)} ${h(t('signIn.ignore'))}</p>
<p style="color:#555555;font-size:14px">${h(signature)}</p>`,
    locale,
  );
  return { subject, text, html };
}

/** Sends the sign-in mail. Never throws for a delivery problem: the caller audits the outcome. */
export function sendGuestSignInMail(
  input: GuestSignInMailInput,
  options: { transport?: Transporter; from?: string } = {},
): Promise<SendResult> {
  return sendMail({ to: { address: input.guestEmail }, content: buildGuestSignInMail(input) }, options);
}
