import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import { getConfig } from '@/lib/config.js';

/** How long each SMTP step may take: connecting, the relay's greeting, and silence on the socket. */
export interface MailTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

const DEFAULT_TIMEOUTS: MailTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 10_000 };

/**
 * An SMTP transport with short timeouts: a request that sends invitations waits on the relay, and a
 * hung relay must turn into "not delivered, resend later" within seconds, not hold the request.
 *
 * Built from the URL's parsed options, not `{ url }`: given a `url`, nodemailer builds the transport
 * from the URL alone and drops every other option, timeouts included (its defaults are minutes).
 */
export function createMailTransport(smtpUrl: string, timeouts: Partial<MailTimeouts> = {}): Transporter {
  const t = { ...DEFAULT_TIMEOUTS, ...timeouts };
  return nodemailer.createTransport({
    ...parseConnectionUrl(smtpUrl),
    connectionTimeout: t.connectionMs,
    greetingTimeout: t.greetingMs,
    socketTimeout: t.socketMs,
  });
}

let transport: Transporter | undefined;

/** The process's transport, created once from configuration. */
export function getMailTransport(): Transporter {
  transport ??= createMailTransport(getConfig().mail.smtpUrl);
  return transport;
}
