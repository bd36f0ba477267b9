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
  inviterEmail: 'adele@contoso.com',
  guestName: 'Grace Hopper',
  guestEmail: 'grace@example.com',
  message: 'See you there!',
  shareCreatedAt: new Date('2026-11-20T10:00:00Z'),
  sentAt: new Date('2026-11-20T10:00:01Z'),
};

const LINK = 'https://meet.contoso.com/join/AbCdEfGhIjKlMnOpQrStUv_-';

/** The .ics as a calendar client reads it: folded lines joined again. */
function calendarLines(ics: string | undefined): string[] {
  expect(ics).toBeDefined();
  return (ics ?? '').replace(/\r\n[ \t]/g, '').split('\r\n');
}

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

  it('walks the guest through the steps of the join flow, in order, in both parts', () => {
    const mail = buildInvitationEmail(base);
    // The words the guest will see on the pages, in the order they see them.
    const milestones = [
      'Open your invitation',
      '“Join”',
      'grace@example.com',
      'sign-in link and a code',
      'camera and microphone',
      '“Join now”',
      'lobby',
    ];
    for (const body of [mail.text, mail.html]) {
      const positions = milestones.map((m) => body.indexOf(m, body.indexOf('How to join')));
      expect(positions.every((p) => p > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
    expect(mail.text).toMatch(/How to join:\n1\. Open your invitation: https:\/\/meet\.contoso\.com\/join\/\S+\n2\. /);
    expect(mail.html).toMatch(/<h2[^>]*>How to join<\/h2>\s*<ol[^>]*>(\s*<li[^>]*>[^]*?<\/li>){5}\s*<\/ol>/);
  });

  it('carries a calendar invitation for the Vestibule link, from the inviter to the guest', () => {
    const lines = calendarLines(buildInvitationEmail(base).calendarInvite);
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines).toContain(`URL:${LINK}`);
    expect(lines).toContain('SUMMARY:Quarterly review');
    expect(lines).toContain('DTSTART:20261201T080000Z');
    expect(lines).toContain('DTEND:20261201T093000Z');
    expect(lines).toContain('ORGANIZER;CN="Adele Vance":mailto:adele@contoso.com');
    expect(lines.find((l) => l.startsWith('ATTENDEE'))).toMatch(/CN="Grace Hopper".*:mailto:grace@example\.com$/);
    const description = lines.find((l) => l.startsWith('DESCRIPTION:'));
    expect(description).toContain(LINK);
    expect(description).toContain('wait in the lobby');
  });

  it('a resend is the same calendar event with a higher sequence; another share is another event', () => {
    const uid = (ics?: string) => calendarLines(ics).find((l) => l.startsWith('UID:'));
    const sequence = (ics?: string) =>
      Number(
        calendarLines(ics)
          .find((l) => l.startsWith('SEQUENCE:'))
          ?.slice(9),
      );
    const first = buildInvitationEmail(base).calendarInvite;
    const resent = buildInvitationEmail({ ...base, sentAt: new Date('2026-11-21T09:00:00Z') }).calendarInvite;
    expect(uid(resent)).toBe(uid(first));
    expect(sequence(resent)).toBeGreaterThan(sequence(first));
    // The UID is not the share id: the share id is the secret part of the guest's link.
    expect(uid(first)).not.toContain(base.shareId);
    expect(uid(buildInvitationEmail({ ...base, shareId: 'ZyXwVuTsRqPoNmLkJiHgFeDc' }).calendarInvite)).not.toBe(
      uid(first),
    );
  });

  it('is self-contained, accessible HTML: language, title, no images or external resources', () => {
    const { html } = buildInvitationEmail(base);
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).not.toMatch(/<img|<link|src=|url\(/i);
  });
});

describe('invitation e-mail language', () => {
  it('goes out in the language staff chose, dates included, with the same link and steps', () => {
    const de = buildInvitationEmail({ ...base, language: 'de' });
    expect(de.subject).toBe('Adele Vance hat Sie zu „Quarterly review“ eingeladen');
    expect(de.text).toContain('Guten Tag Grace Hopper,');
    expect(de.text).toContain('Nachricht von Adele Vance:');
    expect(de.text).toMatch(/Dienstag, 1\. Dezember 2026.*09:00.*10:30.*\(Mitteleuropäische Normalzeit\)/);
    // The steps name the German buttons the guest will see on the page.
    expect(de.text).toContain('„Teilnehmen“');
    expect(de.text).toContain('„Jetzt teilnehmen“');
    expect(de.html).toContain('<html lang="de">');
    expect(de.html).toContain(`Öffnen Sie Ihre Einladung: <a href="${LINK}">${LINK}</a>`);
    expect(calendarLines(de.calendarInvite).join('\n')).toContain('So nehmen Sie teil:');

    const fr = buildInvitationEmail({ ...base, language: 'fr' });
    expect(fr.subject).toBe('Adele Vance vous invite à « Quarterly review »');
    expect(fr.text).toMatch(/mardi 1 décembre 2026/);
    expect(fr.text).toContain('Comment participer :');

    const es = buildInvitationEmail({ ...base, language: 'es', guestName: null });
    expect(es.text.startsWith('Hola:')).toBe(true);
    expect(es.text).toContain('«Unirse ahora»');
  });

  it('is English when no language was chosen (shares from before languages) or an unknown one is stored', () => {
    for (const language of [undefined, null, 'xx']) {
      const mail = buildInvitationEmail({ ...base, language });
      expect(mail.subject).toBe('Adele Vance invited you to “Quarterly review”');
      expect(mail.html).toContain('<html lang="en">');
    }
  });
});
