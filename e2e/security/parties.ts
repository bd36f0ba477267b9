import type { Browser } from '@playwright/test';
import { APP_URL } from '../../playwright.config';
import { createMeeting, createStaff, mailsTo, signInAsStaff, type GraphMeeting } from '../support/emulator';

/**
 * The people the authorization matrix acts as, each reduced to the Cookie header their browser would
 * send: an organizer with a meeting and two shared invitations, another employee, an employee whose
 * session ended (signed out, cookie replayed), a signed-in guest of each invitation, and forgeries.
 */
export interface Parties {
  meeting: GraphMeeting;
  /** The organizer's share whose guest is `guest`; `otherShareId` is a second one, of `otherGuest`. */
  shareId: string;
  otherShareId: string;
  cookies: Record<Identity, string>;
}

export type Identity =
  'anonymous' | 'forged' | 'ended staff session' | 'other staff' | 'organizer' | 'guest' | 'guest of another share';

async function staffCookie(browser: Browser, name: string, signOut = false) {
  const context = await browser.newContext({ baseURL: APP_URL });
  const page = await context.newPage();
  const staff = await createStaff(name);
  await signInAsStaff(page, staff);
  const cookie = (await context.cookies(APP_URL)).map((c) => `${c.name}=${c.value}`).join('; ');
  if (signOut) {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/signed-out/);
  }
  return { context, page, staff, cookie };
}

/** A guest signs in by the e-mailed code, through the same API the sign-in page uses. */
async function guestCookie(shareId: string, email: string): Promise<string> {
  const json = { 'content-type': 'application/json' };
  const asked = await fetch(`${APP_URL}/api/join/${shareId}/sign-in`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email }),
  });
  if (!asked.ok) throw new Error(`sign-in for ${email}: ${asked.status}`);
  // The invitation came first; the sign-in mail is the one with the code.
  const mails = await mailsTo(email, 2);
  const mail = mails.find((m) => m.links.some((l) => l.includes('/sign-in?token=')));
  const code = /enter this code on the sign-in page: (\d{6})/.exec(mail?.text ?? '')?.[1];
  const signedIn = await fetch(`${APP_URL}/api/join/${shareId}/code`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, code }),
  });
  const setCookie = signedIn.headers.get('set-cookie') ?? '';
  if (!signedIn.ok || !setCookie) throw new Error(`code for ${email}: ${signedIn.status}`);
  return setCookie.split(';')[0]!;
}

export async function setUpParties(browser: Browser): Promise<Parties> {
  const organizer = await staffCookie(browser, 'Olga Owner');
  const meeting = await createMeeting(organizer.staff, 'Matrix review', 30);
  const stamp = Date.now();
  const emails = [`guest.${stamp}@fabrikam.example`, `other.${stamp}@northwind.example`];
  const created = await organizer.page.request.post(`/api/meetings/${encodeURIComponent(meeting.id)}/shares`, {
    data: { guests: emails.map((email) => ({ email })) },
  });
  if (created.status() !== 201) throw new Error(`shares: ${created.status()}`);
  const [share, otherShare] = ((await created.json()) as { shares: { id: string }[] }).shares;
  const other = await staffCookie(browser, 'Oscar Other');
  const ended = await staffCookie(browser, 'Eve Ended', true);
  const cookies: Record<Identity, string> = {
    anonymous: '',
    forged:
      'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged; vestibule-guest=' +
      'A'.repeat(43),
    'ended staff session': ended.cookie,
    'other staff': other.cookie,
    organizer: organizer.cookie,
    guest: await guestCookie(share!.id, emails[0]!),
    'guest of another share': await guestCookie(otherShare!.id, emails[1]!),
  };
  for (const c of [organizer, other, ended]) await c.context.close();
  return { meeting, shareId: share!.id, otherShareId: otherShare!.id, cookies };
}
