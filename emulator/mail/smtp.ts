import { simpleParser, type AddressObject, type Attachment, type StructuredHeader } from 'mailparser';
import { SMTPServer } from 'smtp-server';

import type { EmulatorContext } from '../context';
import { insertMail, type MailAttachment } from './store';

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.flatMap((x) => x.value.map((v) => v.address ?? '').filter(Boolean));
}

/** Textual parts keep their text (a test reads a calendar invitation); other parts only their size. */
function attachment(a: Attachment): MailAttachment {
  // mailparser documents Content-Type as a StructuredHeader: { value, params }.
  const method = (a.headers.get('content-type') as StructuredHeader | undefined)?.params.method;
  const textual = /^text\//i.test(a.contentType) || /^application\/ics$/i.test(a.contentType);
  return {
    filename: a.filename ?? null,
    contentType: a.contentType,
    disposition: a.contentDisposition ?? null,
    method: method?.toUpperCase() ?? null,
    size: a.size,
    content: textual ? a.content.toString('utf8') : null,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The mail catcher: accepts any message for anyone, without auth or TLS, and stores it. Envelope
 * recipients count as `to` too, so Bcc'd mail is found by `?to=`.
 */
export function createSmtpServer(env: EmulatorContext): SMTPServer {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    banner: 'Vestibule emulator mail catcher',
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
      const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      const fault = env.faults.take('mail', 'smtp');
      simpleParser(stream)
        .then(async (parsed) => {
          if (fault?.delayMs) await sleep(fault.delayMs);
          if (fault?.status) {
            const err = new Error('Service temporarily unavailable (injected fault)') as Error & {
              responseCode: number;
            };
            err.responseCode = 451;
            return callback(err);
          }
          const to = [...new Set([...addresses(parsed.to), ...envelopeTo].map((a) => a.toLowerCase()))];
          const msg = insertMail(env.db, {
            from: parsed.from?.value[0]?.address ?? envelopeFrom,
            to,
            cc: addresses(parsed.cc),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            attachments: parsed.attachments.map(attachment),
          });
          env.log.info({ id: msg.id, to: msg.to, subject: msg.subject }, 'mail: message received');
          callback();
        })
        .catch((e: unknown) => {
          env.log.warn({ err: e }, 'mail: could not parse message');
          callback(new Error('Message could not be parsed'));
        });
    },
  });
  server.on('error', (e) => env.log.warn({ err: e }, 'mail: smtp error'));
  return server;
}
