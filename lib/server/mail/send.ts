import 'server-only';
import type { Transporter } from 'nodemailer';
import { getConfig } from '@/lib/config.js';
import { withClientSpan } from '@/lib/server/telemetry';
import type { MailContent } from './content';
import { buildInvitationEmail, type InvitationEmailInput } from './invitation-email';
import { getMailTransport } from './transport';

/** `relayDown`: the relay itself failed (unreachable, timed out, refused our sign-in), not this message. */
export type SendResult = { ok: true } | { ok: false; error: string; relayDown?: boolean };

const RELAY_DOWN_CODES = new Set(['ETIMEDOUT', 'EAUTH', 'ECONNECTION', 'ESOCKET', 'EDNS']);

/**
 * A reason that is safe to store and show to staff: relay replies can echo addresses, host names
 * or credentials, so only the kind of failure and the SMTP status code are kept.
 */
function describeSendFailure(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown };
  if (typeof e.responseCode === 'number') {
    return e.responseCode >= 500
      ? `The mail server refused the message (${e.responseCode}).`
      : `The mail server could not take the message right now (${e.responseCode}).`;
  }
  if (e.code === 'ETIMEDOUT') return 'The mail server did not answer in time.';
  if (e.code === 'EAUTH') return 'The mail server refused the sign-in of the app.';
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'EDNS')
    return 'The mail server could not be reached.';
  return 'The invitation could not be sent.';
}

/**
 * Sends one mail (the invitation e-mail, and any other mail Vestibule sends to guests). Never throws
 * for a delivery problem: the caller records the outcome (an invitation stays valid and can be resent).
 */
export async function sendMail(
  mail: { to: { name?: string | null; address: string }; content: MailContent },
  options: { transport?: Transporter; from?: string } = {},
): Promise<SendResult> {
  try {
    // SMTP is not fetch: a trace span of its own when OpenTelemetry is configured (a no-op otherwise).
    await withClientSpan('smtp send', { 'network.protocol.name': 'smtp' }, () =>
      (options.transport ?? getMailTransport()).sendMail({
        from: options.from ?? getConfig().mail.from,
        to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
        subject: mail.content.subject,
        text: mail.content.text,
        html: mail.content.html,
        ...(mail.content.calendarInvite
          ? { icalEvent: { method: 'REQUEST', filename: 'invitation.ics', content: mail.content.calendarInvite } }
          : {}),
      }),
    );
    return { ok: true };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      ok: false,
      error: describeSendFailure(error),
      relayDown: typeof code === 'string' && RELAY_DOWN_CODES.has(code),
    };
  }
}

/** Sends a guest their invitation e-mail. */
export function sendInvitationEmail(
  input: InvitationEmailInput,
  options: { transport?: Transporter; from?: string } = {},
): Promise<SendResult> {
  return sendMail(
    { to: { name: input.guestName, address: input.guestEmail }, content: buildInvitationEmail(input) },
    options,
  );
}
