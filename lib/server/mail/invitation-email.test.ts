import { describe, expect, it } from 'vitest';
import { buildInvitationEmail, formatMeetingTime, type InvitationEmailInput } from './invitation-email';

const base: InvitationEmailInput = {
  appUrl: 'https://meet.contoso.com/',
  shareId: 'AbCdEfGhIjKlMnOpQrStUv_-',
  meetingSubject: 'Quarterly review',
  meetingStart: new Date('2026-12-01T08:00:00Z'),
  meetingEnd: new Date('2026-12-01T09:30:00Z'),
  timeZone: 'Europe/Berlin',
  inviterName: 'Adele Vance',
  guestName: 'Grace Hopper',
  guestEmail: 'grace@example.com',
  message: 'See you there!',
};

describe('invitation e-mail', () => {
  it('names the product, meeting, inviter and guest, with the absolute join link', () => {
    const mail = buildInvitationEmail(base);
    expect(mail.subject).toBe('Adele Vance invited you to “Quarterly review”');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('Vestibule');
      expect(body).toContain('Quarterly review');
      expect(body).toContain('Adele Vance');
      expect(body).toContain('Hello Grace Hopper,');
      expect(body).toContain('See you there!');
      expect(body).toContain('https://meet.contoso.com/join/AbCdEfGhIjKlMnOpQrStUv_-');
    }
    expect(mail.html).toContain('<a href="https://meet.contoso.com/join/AbCdEfGhIjKlMnOpQrStUv_-"');
  });

  it("shows the time in the inviter's zone, with the zone's name", () => {
    const mail = buildInvitationEmail(base);
    expect(mail.text).toMatch(/Tuesday, December 1, 2026.*9:00.*10:30\s*AM \(Central European Standard Time\)/);
    expect(formatMeetingTime(base.meetingStart, base.meetingEnd, 'America/New_York')).toMatch(
      /3:00.*4:30\s*AM \(Eastern Standard Time\)/,
    );
    expect(formatMeetingTime(base.meetingStart, base.meetingEnd, 'UTC')).toMatch(
      /8:00.*9:30\s*AM \(Coordinated Universal Time\)/,
    );
  });

  it('escapes everything a person typed in the HTML part', () => {
    const mail = buildInvitationEmail({
      ...base,
      meetingSubject: 'Q&A <b>"live"</b>',
      inviterName: 'Eve <script>alert(1)</script>',
      guestName: '<img src=x onerror=alert(1)>',
      message: `Line one <a href="https://evil.example">click</a>\nLine 'two'`,
    });
    expect(mail.html).not.toMatch(/<script|<img|<b>|<a href="https:\/\/evil/);
    expect(mail.html).toContain('Q&amp;A &lt;b&gt;&quot;live&quot;&lt;/b&gt;');
    expect(mail.html).toContain('Eve &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain(
      'Line one &lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;<br>Line &#39;two&#39;',
    );
    // The plain-text part is not HTML: it keeps the text as typed.
    expect(mail.text).toContain(`Line one <a href="https://evil.example">click</a>\nLine 'two'`);
  });

  it('keeps names on one line and omits what was not given', () => {
    const mail = buildInvitationEmail({
      ...base,
      inviterName: 'Adele\r\nBcc: x@evil.example',
      guestName: null,
      message: '  ',
    });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text.startsWith('Hello,\n')).toBe(true);
    expect(mail.text).not.toContain('Message from');
    expect(mail.html).not.toContain('Message from');
  });

  it('is self-contained, accessible HTML: language, title, no images or external resources', () => {
    const { html } = buildInvitationEmail(base);
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).not.toMatch(/<img|<link|src=|url\(/i);
  });
});
