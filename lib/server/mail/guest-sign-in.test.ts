import { describe, expect, it } from 'vitest';
import { buildGuestSignInMail } from './guest-sign-in';

const input = {
  guestEmail: 'grace@example.com',
  meetingSubject: 'Review <b>Q4</b>\r\nBcc: x@evil.example',
  link: 'https://meet.contoso.com/join/AbCdEfGhIjKlMnOpQrStUv_-/sign-in?token=abc&x=1',
  code: '042917',
  minutesValid: 10,
};

describe('guest sign-in e-mail', () => {
  it('carries both the link and the code, and says how long they last', () => {
    const mail = buildGuestSignInMail(input);
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('042917');
      expect(body).toContain('10 minutes');
      expect(body).toContain('grace@example.com');
    }
    expect(mail.text).toContain(input.link);
    expect(mail.html).toContain(
      'href="https://meet.contoso.com/join/AbCdEfGhIjKlMnOpQrStUv_-/sign-in?token=abc&amp;x=1"',
    );
  });

  it('keeps the subject on one line and escapes the meeting title in HTML', () => {
    const mail = buildGuestSignInMail(input);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).not.toContain('042917'); // lock screens show subjects
    expect(mail.html).toContain('Review &lt;b&gt;Q4&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Q4</b>');
  });
});

describe('guest sign-in e-mail language', () => {
  it('is written in the language of the page the guest asked from', () => {
    const de = buildGuestSignInMail({ ...input, meetingSubject: 'Lieferantengespräch', language: 'de' });
    expect(de.subject).toBe('Anmelden für „Lieferantengespräch“');
    expect(de.text).toContain('Oder geben Sie diesen Code auf der Anmeldeseite ein: 042917');
    expect(de.text).toContain('10 Minuten');
    expect(de.html).toContain('<html lang="de">');
    expect(de.html).toContain('aria-label="Code 0 4 2 9 1 7"');

    const es = buildGuestSignInMail({ ...input, language: 'es' });
    expect(es.text).toContain('durante 10 minutos');
    expect(es.html).toContain('<html lang="es">');
  });

  it('falls back to English for a missing or unsupported language', () => {
    for (const language of [undefined, null, 'it', '']) {
      const mail = buildGuestSignInMail({ ...input, language });
      expect(mail.text).toContain('Or enter this code on the sign-in page: 042917');
      expect(mail.html).toContain('<html lang="en">');
    }
  });
});
