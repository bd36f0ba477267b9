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
