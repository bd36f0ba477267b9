import 'server-only';
import type { Transporter } from 'nodemailer';
import { escapeHtml, oneLine, PRODUCT_NAME, type MailContent, htmlMail } from './content';
import { sendMail, type SendResult } from './send';

export interface GuestSignInMailInput {
  guestEmail: string;
  meetingSubject: string;
  /** The absolute single-use link (it carries the token). */
  link: string;
  code: string;
  minutesValid: number;
}

/**
 * The sign-in mail: a link for most people and the same sign-in as a short code for those whose mail
 * scanner opens links first (the link needs a click on the page, so a scanner can't use it up either).
 */
export function buildGuestSignInMail(input: GuestSignInMailInput): MailContent {
  const subjectLine = oneLine(input.meetingSubject);
  const subject = `Sign in to join “${subjectLine}”`;
  const text = [
    'Hello,',
    '',
    `Someone (we hope you) asked to join “${subjectLine}” through ${PRODUCT_NAME} as ${input.guestEmail}.`,
    '',
    'Sign in with this link:',
    input.link,
    '',
    `Or enter this code on the sign-in page: ${input.code}`,
    '',
    `The link and the code work once, for ${input.minutesValid} minutes. Asking for a new one replaces them.`,
    "If you didn't ask to sign in, ignore this e-mail: nobody can sign in without it.",
    '',
    `— ${PRODUCT_NAME}`,
  ].join('\n');
  const h = escapeHtml;
  const html = htmlMail(
    subject,
    `<p>Hello,</p>
<p>Someone (we hope you) asked to join “${h(subjectLine)}” through ${PRODUCT_NAME} as ${h(input.guestEmail)}.</p>
<p style="margin:24px 0"><a href="${h(input.link)}" style="display:inline-block;padding:12px 20px;background:#4f52b2;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600">Sign in to join</a></p>
<p>Or enter this code on the sign-in page:</p>
<p style="font-size:28px;font-weight:600;letter-spacing:6px;font-family:Consolas,Menlo,monospace" aria-label="Code ${h(input.code.split('').join(' '))}">${h(input.code)}</p>
<p style="color:#555555;font-size:14px">The link and the code work once, for ${input.minutesValid} minutes. Asking for a new one replaces them. If you didn't ask to sign in, ignore this e-mail: nobody can sign in without it.</p>
<p style="color:#555555;font-size:14px">— ${PRODUCT_NAME}</p>`,
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
