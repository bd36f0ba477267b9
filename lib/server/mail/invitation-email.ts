import 'server-only';
import { createHash } from 'node:crypto';
import { buildCalendarInvite } from './calendar-invite';
import { escapeHtml, htmlMail, mailBrand, oneLine, type MailContent } from './content';
import { dateLocale, mailLocale, mailTranslator } from './mail-messages';

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
  /** The language staff chose for this guest (lib/i18n/locales.ts); none or unknown: English. */
  language?: string | null;
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

/**
 * "Tuesday, December 1, 2026, 9:00 – 10:00 AM (Central European Standard Time)", or the same in the
 * guest's language and its usual date order ("Dienstag, 1. Dezember 2026, 09:00–10:00 (Mitteleuropäische
 * Normalzeit)"). `locale` is a BCP 47 tag.
 */
export function formatMeetingTime(start: Date, end: Date, timeZone: string, locale = 'en-US'): string {
  const range = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).formatRange(start, end);
  const zone =
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' })
      .formatToParts(start)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return `${range} (${zone})`;
}

type MailT = ReturnType<typeof mailTranslator>;

/**
 * The steps a guest takes, in the words of the pages they will see (`/join/{id}`: "Join", the address,
 * the sign-in mail's link or code; then the pre-join's "Your name" and "Join now"; then the lobby).
 * Change these (in lib/i18n/messages/*.json) when the flow changes: the guest follows them with the page beside.
 */
function joinSteps(t: MailT, link: string, guestEmail: string): string[] {
  return [
    t('invitation.step1', { link }),
    t('invitation.step2', { email: guestEmail }),
    t('invitation.step3'),
    t('invitation.step4'),
    t('invitation.step5'),
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
  const locale = mailLocale(input.language);
  const t = mailTranslator(locale);
  const link = joinUrl(input.appUrl, input.shareId);
  const subjectLine = oneLine(input.meetingSubject);
  const inviter = oneLine(input.inviterName);
  const when = formatMeetingTime(input.meetingStart, input.meetingEnd, input.timeZone, dateLocale(locale));
  const greeting = input.guestName
    ? t('invitation.greetingNamed', { name: oneLine(input.guestName) })
    : t('invitation.greeting');
  const message = input.message?.trim() || undefined;
  const steps = joinSteps(t, link, input.guestEmail);
  // The organization's name (BRAND_NAME), as the site and the mail's header show it.
  const product = mailBrand().name;
  const intro = t('invitation.intro', { inviter, product });
  const onlyFor = t('invitation.onlyFor', { email: input.guestEmail });
  const messageFrom = t('invitation.messageFrom', { inviter });
  const calendarNote = t('invitation.calendar');
  const signature = t('signature', { product });

  const subject = t('invitation.subject', { inviter, subject: subjectLine });

  const text = [
    greeting,
    '',
    intro,
    '',
    `${t('invitation.meeting')} ${subjectLine}`,
    `${t('invitation.when')} ${when}`,
    ...(message ? ['', messageFrom, message] : []),
    '',
    t('invitation.howToJoinList'),
    ...steps.map((step, i) => `${i + 1}. ${step}`),
    '',
    calendarNote,
    onlyFor,
    '',
    signature,
  ].join('\n');

  const h = escapeHtml;
  // The first step's link is the button above the list; the list repeats it as a plain, readable link.
  // The step is split around the link so the translation decides where the link goes in the sentence.
  const [beforeLink = '', afterLink = ''] = t('invitation.step1', { link: '\u0000' }).split('\u0000');
  const htmlSteps = [`${h(beforeLink)}<a href="${h(link)}">${h(link)}</a>${h(afterLink)}`, ...steps.slice(1).map(h)];
  const html = htmlMail(
    subject,
    `<p>${h(greeting)}</p>
<p>${h(intro)}</p>
<h1 style="font-size:22px;margin:24px 0 8px">${h(subjectLine)}</h1>
<p style="margin:0 0 16px"><strong>${h(t('invitation.when'))}</strong> ${h(when)}</p>
${
  message
    ? `<section aria-label="${h(messageFrom)}" style="border-left:4px solid #5b5fc7;padding:8px 16px;margin:16px 0;background:#f5f5f5">
<p style="margin:0 0 4px"><strong>${h(messageFrom)}</strong></p>
<p style="margin:0;white-space:pre-wrap">${h(message).replace(/\r?\n/g, '<br>')}</p>
</section>`
    : ''
}
<p style="margin:24px 0"><a href="${h(link)}" style="display:inline-block;padding:12px 20px;background:#4f52b2;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600">${h(t('invitation.openButton', { subject: subjectLine }))}</a></p>
<h2 style="font-size:18px;margin:24px 0 8px">${h(t('invitation.howToJoin'))}</h2>
<ol style="padding-left:24px">
${htmlSteps.map((step) => `<li style="margin:0 0 8px">${step}</li>`).join('\n')}
</ol>
<p>${h(calendarNote)}</p>
<p style="color:#555555;font-size:14px">${h(onlyFor)}</p>
<p style="color:#555555;font-size:14px">${h(signature)}</p>`,
    locale,
  );

  const calendarInvite = buildCalendarInvite({
    uid: calendarUid(input.appUrl, input.shareId),
    sequence: sequenceOf(input.shareCreatedAt, input.sentAt),
    stamp: input.sentAt,
    start: input.meetingStart,
    end: input.meetingEnd,
    summary: subjectLine,
    description: [
      t('invitation.calendarIntro', { inviter, product }),
      '',
      t('invitation.howToJoinList'),
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
