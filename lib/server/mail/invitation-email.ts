import 'server-only';
import { createHash } from 'node:crypto';
import { buildCalendarInvite } from './calendar-invite';
import { escapeHtml, oneLine, PRODUCT_NAME, type MailContent, htmlMail } from './content';

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
  /** The calendar invitation's ORGANIZER: a guest's Accept/Decline goes to the person who invited them. */
  inviterEmail: string;
  guestName?: string | null;
  guestEmail: string;
  message?: string | null;
  /** When the share was made and when this mail goes out: together they order resends (see `sequenceOf`). */
  shareCreatedAt: Date;
  sentAt: Date;
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

/**
 * The steps a guest takes, in the words of the pages they will see (`/join/{id}`: "Join", the address,
 * the sign-in mail's link or code; then the pre-join's "Your name" and "Join now"; then the lobby).
 * Change these when the flow changes: the guest follows them with the page beside.
 */
function joinSteps(link: string, guestEmail: string): string[] {
  return [
    `Open your invitation: ${link}`,
    `Press “Join” and enter the address this invitation was sent to, ${guestEmail}.`,
    'We e-mail you a sign-in link and a code. Open the link, or type the code on the invitation page.',
    'Choose the name the others in the meeting will see, and check your camera and microphone.',
    'Press “Join now” and wait in the lobby until someone in the meeting lets you in.',
  ];
}

/**
 * A calendar UID that is the same for every send of one share (so a resend updates the guest's event)
 * without being the share id itself, which is the secret part of the guest's link.
 */
function calendarUid(appUrl: string, shareId: string): string {
  const digest = createHash('sha256').update(`vestibule-invitation:${shareId}`).digest('hex').slice(0, 32);
  return `${digest}@${new URL(appUrl).hostname}`;
}

/**
 * SEQUENCE only has to grow with each revision the guest receives (RFC 5545 §3.8.7.4). Whole seconds
 * since the share was made do, without storing a counter: the first send is 0 or close to it, every
 * resend is later (resends are rate-limited, and two in one second would carry the same event anyway).
 */
function sequenceOf(shareCreatedAt: Date, sentAt: Date): number {
  return Math.max(0, Math.floor((sentAt.getTime() - shareCreatedAt.getTime()) / 1000));
}

/**
 * Plain text and accessible HTML with the same content and no external images, plus a calendar
 * invitation. The Teams join link, meeting ID and passcode appear nowhere: only the Vestibule link.
 */
export function buildInvitationEmail(input: InvitationEmailInput): MailContent {
  const link = joinUrl(input.appUrl, input.shareId);
  const subjectLine = oneLine(input.meetingSubject);
  const inviter = oneLine(input.inviterName);
  const when = formatMeetingTime(input.meetingStart, input.meetingEnd, input.timeZone);
  const greeting = input.guestName ? `Hello ${oneLine(input.guestName)},` : 'Hello,';
  const message = input.message?.trim() || undefined;
  const steps = joinSteps(link, input.guestEmail);
  const intro = `${inviter} has invited you to a Microsoft Teams meeting through ${PRODUCT_NAME}. You join from your browser: you need no Teams app and no Microsoft account.`;
  const onlyFor = `This invitation is for ${input.guestEmail} only: nobody else can sign in with it.`;

  const subject = `${inviter} invited you to “${subjectLine}”`;

  const text = [
    greeting,
    '',
    intro,
    '',
    `Meeting: ${subjectLine}`,
    `When: ${when}`,
    ...(message ? ['', `Message from ${inviter}:`, message] : []),
    '',
    'How to join:',
    ...steps.map((step, i) => `${i + 1}. ${step}`),
    '',
    'The calendar invitation in this e-mail puts the meeting in your calendar, with the same link.',
    onlyFor,
    '',
    `— ${PRODUCT_NAME}`,
  ].join('\n');

  const h = escapeHtml;
  // The first step's link is the button above the list; the list repeats it as a plain, readable link.
  const htmlSteps = [`Open your invitation: <a href="${h(link)}">${h(link)}</a>`, ...steps.slice(1).map(h)];
  const html = htmlMail(
    subject,
    `<p>${h(greeting)}</p>
<p>${h(intro)}</p>
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
<p style="margin:24px 0"><a href="${h(link)}" style="display:inline-block;padding:12px 20px;background:#4f52b2;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600">Open your invitation to “${h(subjectLine)}”</a></p>
<h2 style="font-size:18px;margin:24px 0 8px">How to join</h2>
<ol style="padding-left:24px">
${htmlSteps.map((step) => `<li style="margin:0 0 8px">${step}</li>`).join('\n')}
</ol>
<p>The calendar invitation in this e-mail puts the meeting in your calendar, with the same link.</p>
<p style="color:#555555;font-size:14px">${h(onlyFor)}</p>
<p style="color:#555555;font-size:14px">— ${PRODUCT_NAME}</p>`,
  );

  const calendarInvite = buildCalendarInvite({
    uid: calendarUid(input.appUrl, input.shareId),
    sequence: sequenceOf(input.shareCreatedAt, input.sentAt),
    stamp: input.sentAt,
    start: input.meetingStart,
    end: input.meetingEnd,
    summary: subjectLine,
    description: [
      `${inviter} invited you to this Microsoft Teams meeting through ${PRODUCT_NAME}.`,
      '',
      'How to join:',
      ...steps.map((step, i) => `${i + 1}. ${step}`),
      '',
      onlyFor,
    ].join('\n'),
    url: link,
    organizer: { name: inviter, email: input.inviterEmail },
    attendee: { name: input.guestName ? oneLine(input.guestName) : null, email: input.guestEmail },
  });

  return { subject, text, html, calendarInvite };
}
