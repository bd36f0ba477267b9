import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { admin, startTestEmulator, type TestEmulator } from '../testing';
import { extractLinks } from './store';

type Mail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: {
    filename: string | null;
    contentType: string;
    disposition: string | null;
    method: string | null;
    size: number;
    content: string | null;
  }[];
  links: string[];
  receivedDateTime: string;
};

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

const transport = () =>
  nodemailer.createTransport({ host: 'localhost', port: emu.smtpPort, secure: false, ignoreTLS: true });

async function inbox(to?: string): Promise<Mail[]> {
  const res = await fetch(`${emu.url}/mailbox/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { value: Mail[] }).value;
}

describe('mail catcher: nodemailer → SMTP → mailbox API', () => {
  it('stores messages with subject, text, html and the links found, newest first per recipient', async () => {
    await transport().sendMail({
      from: 'Vestibule <no-reply@vestibule.test>',
      to: 'Guest.One@example.com',
      subject: 'Your sign-in link',
      text: 'Sign in: http://localhost:3000/join/abc?token=1&x=2. Thanks',
      html: '<p>Sign in: <a href="http://localhost:3000/join/abc?token=1&amp;x=2">here</a> or <a href="https://example.com/help">help</a></p>',
    });
    await transport().sendMail({
      from: 'no-reply@vestibule.test',
      to: 'guest.one@example.com',
      subject: 'Second',
      text: 'no links',
    });
    await transport().sendMail({
      from: 'no-reply@vestibule.test',
      to: 'someone.else@example.com',
      subject: 'Other',
      text: 'x',
    });

    const mails = await inbox('guest.one@example.com');
    expect(mails.map((m) => m.subject)).toEqual(['Second', 'Your sign-in link']);
    const first = mails[1]!;
    expect(first).toMatchObject({
      from: 'no-reply@vestibule.test',
      to: ['guest.one@example.com'],
      subject: 'Your sign-in link',
    });
    expect(first.text).toContain('Sign in: http://localhost:3000/join/abc');
    expect(first.html).toContain('<a href="http://localhost:3000/join/abc?token=1&amp;x=2">');
    expect(first.links).toEqual(['http://localhost:3000/join/abc?token=1&x=2', 'https://example.com/help']);
    expect(Date.parse(first.receivedDateTime)).not.toBeNaN();

    expect((await inbox()).length).toBe(3);
    expect(await inbox('nobody@example.com')).toEqual([]);

    const page = await fetch(`${emu.url}/mailbox?to=guest.one@example.com`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<h2 id="m-');
    expect(html).toContain('Your sign-in link');
    expect(html).toContain('<label for="to">Recipient</label>');

    const del = await fetch(`${emu.url}/mailbox/messages`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await inbox()).toEqual([]);
  });

  it('keeps a calendar invitation: the text/calendar alternative with its method, and the .ics file', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:u1@x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    await transport().sendMail({
      from: 'a@vestibule.test',
      to: 'calendar@example.com',
      subject: 'Invitation',
      text: 'x',
      html: '<p>x</p>',
      icalEvent: { method: 'REQUEST', filename: 'invitation.ics', content: ics },
      attachments: [{ filename: 'notes.bin', content: Buffer.from([0, 1, 2, 3]) }],
    });
    const [mail] = await inbox('calendar@example.com');
    expect(mail?.text).toBe('x');
    const calendar = mail?.attachments.find((a) => a.contentType === 'text/calendar');
    expect(calendar).toMatchObject({ method: 'REQUEST', content: ics });
    expect(mail?.attachments.find((a) => a.filename === 'invitation.ics')).toMatchObject({
      contentType: 'application/ics',
      disposition: 'attachment',
      content: ics,
    });
    // Binary parts are listed with their size, not their bytes.
    expect(mail?.attachments.find((a) => a.filename === 'notes.bin')).toMatchObject({ size: 4, content: null });
    // Mail without parts says so rather than leaving the field out.
    await transport().sendMail({ from: 'a@vestibule.test', to: 'plain@example.com', subject: 'Plain', text: 'x' });
    expect((await inbox('plain@example.com'))[0]?.attachments).toEqual([]);

    const page = await (await fetch(`${emu.url}/mailbox?to=calendar@example.com`)).text();
    expect(page).toContain('invitation.ics (application/ics)');
    expect(page).toContain('(text/calendar, method REQUEST)');
  });

  it('finds Bcc recipients by the SMTP envelope', async () => {
    await transport().sendMail({
      from: 'a@vestibule.test',
      to: 'visible@example.com',
      bcc: 'hidden@example.com',
      subject: 'Bcc',
      text: 'x',
    });
    expect((await inbox('hidden@example.com')).map((m) => m.subject)).toEqual(['Bcc']);
  });

  it('an injected mail fault refuses SMTP delivery with a temporary error, once', async () => {
    await admin(emu, 'POST', '/faults', { surface: 'mail', status: 503, count: 1, pathPrefix: 'smtp' });
    await expect(
      transport().sendMail({ from: 'a@vestibule.test', to: 'f@example.com', subject: 'Refused', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 451 });
    await transport().sendMail({ from: 'a@vestibule.test', to: 'f@example.com', subject: 'Accepted', text: 'x' });
    expect((await inbox('f@example.com')).map((m) => m.subject)).toEqual(['Accepted']);
  });
});

describe('extractLinks', () => {
  it('takes absolute http(s) URLs from text and hrefs, without trailing punctuation, once each', () => {
    expect(
      extractLinks(
        'See https://a.test/x, and (http://b.test/y).',
        '<a href="https://a.test/x">a</a><a href="mailto:x@y">m</a><a href="/relative">r</a>',
      ),
    ).toEqual(['https://a.test/x', 'http://b.test/y']);
  });
});
