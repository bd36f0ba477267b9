import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { getConfig } from '@/lib/config.js';

/**
 * An SMTP transport with short timeouts: a request that sends invitations waits on the relay, and a
 * hung relay must turn into "not delivered, resend later" within seconds, not hold the request.
 */
export function createMailTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
}

let transport: Transporter | undefined;

/** The process's transport, created once from configuration. */
export function getMailTransport(): Transporter {
  transport ??= createMailTransport(getConfig().mail.smtpUrl);
  return transport;
}
