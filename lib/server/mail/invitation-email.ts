import 'server-only';
import { escapeHtml, oneLine, PRODUCT_NAME, type MailContent } from './content';

/**
 * The invitation e-mail: what a guest receives when staff share a meeting with them (see "Words we
 * use" in the README: the *share* is the record, the *invitation* is what the guest gets).
 */
export interface InvitationEmailInput {
  appUrl: string;
  shareId: string;
  meetingSubject: string;
  meetingStart: Date;
  meetingEnd: Date;
  /** IANA zone of the inviter: the guest sees the times the inviter meant. */
  timeZone: string;
  inviterName: string;
  guestName?: string | null;
  guestEmail: string;
  message?: string | null;
}

function joinUrl(appUrl: string, shareId: string): string {
  return `${appUrl.replace(/\/+$/, '')}/join/${encodeURIComponent(shareId)}`;
}

/** "Tuesday, December 1, 2026, 9:00 – 10:00 AM (Central European Standard Time)". */
export function formatMeetingTime(start: Date, end: Date, timeZone: string): string {
  const range = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).formatRange(start, end);
  const zone =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'long' })
      .formatToParts(start)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return `${range} (${zone})`;
}

/** Plain text and accessible HTML with the same content, no external images. */
export function buildInvitationEmail(input: InvitationEmailInput): MailContent {
  const link = joinUrl(input.appUrl, input.shareId);
  const subjectLine = oneLine(input.meetingSubject);
  const inviter = oneLine(input.inviterName);
  const when = formatMeetingTime(input.meetingStart, input.meetingEnd, input.timeZone);
  const greeting = input.guestName ? `Hello ${oneLine(input.guestName)},` : 'Hello,';
  const message = input.message?.trim() || undefined;

  const subject = `${inviter} invited you to “${subjectLine}”`;

  const text = [
    greeting,
    '',
    `${inviter} has invited you to a Microsoft Teams meeting through ${PRODUCT_NAME}.`,
    '',
    `Meeting: ${subjectLine}`,
    `When: ${when}`,
    ...(message ? ['', `Message from ${inviter}:`, message] : []),
    '',
    'Join the meeting from your browser (no Teams account needed):',
    link,
    '',
    `This invitation is for ${input.guestEmail} only: you will be asked to confirm this address before you join.`,
    '',
    `— ${PRODUCT_NAME}`,
  ].join('\n');

  const h = escapeHtml;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(subject)}</title>
</head>
<body style="margin:0;padding:24px;background:#ffffff;color:#1b1b1b;font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">
<main style="max-width:560px;margin:0 auto">
<p>${h(greeting)}</p>
<p>${h(inviter)} has invited you to a Microsoft Teams meeting through ${PRODUCT_NAME}.</p>
<h1 style="font-size:22px;margin:24px 0 8px">${h(subjectLine)}</h1>
<p style="margin:0 0 16px"><strong>When:</strong> ${h(when)}</p>
${
  message
    ? `<section aria-label="Message from ${h(inviter)}" style="border-left:4px solid #5b5fc7;padding:8px 16px;margin:16px 0;background:#f5f5f5">
<p style="margin:0 0 4px"><strong>Message from ${h(inviter)}:</strong></p>
<p style="margin:0;white-space:pre-wrap">${h(message).replace(/\r?\n/g, '<br>')}</p>
</section>`
    : ''
}
<p style="margin:24px 0"><a href="${h(link)}" style="display:inline-block;padding:12px 20px;background:#4f52b2;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600">Join “${h(subjectLine)}”</a></p>
<p>No Teams account is needed. If the button doesn't work, copy this address into your browser:<br><a href="${h(link)}">${h(link)}</a></p>
<p style="color:#555555;font-size:14px">This invitation is for ${h(input.guestEmail)} only: you will be asked to confirm this address before you join.</p>
<p style="color:#555555;font-size:14px">— ${PRODUCT_NAME}</p>
</main>
</body>
</html>
`;
  return { subject, text, html };
}
