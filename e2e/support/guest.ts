import { expect, type Page } from '@playwright/test';
import { EMULATOR_URL } from '../../playwright.config';
import type { Mail } from './emulator';

/**
 * A guest's journey through Vestibule's own pages, as a person does it: sign in with the invited
 * address (by the mail's link or its code), then the pre-join (name, devices) and Join now. Other
 * journeys (the staff host page, calling) use these to put guests into a meeting.
 */

async function mailbox(to: string): Promise<Mail[]> {
  const res = await fetch(`${EMULATOR_URL}/mailbox/messages?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { value: Mail[] }).value;
}

const SIGN_IN_LINK = '/sign-in?token=';

/** Waits for a sign-in mail to `to` that was not in the mailbox before (`seen` ids). */
async function newSignInMail(to: string, seen: Set<string>): Promise<{ link: string; code: string }> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailbox(to)).find((m) => !seen.has(m.id) && m.links.some((l) => l.includes(SIGN_IN_LINK)));
        return Boolean(found);
      },
      { message: `sign-in mail to ${to}`, timeout: 30_000 },
    )
    .toBe(true);
  // The code ends its line, in every language ("… sign-in page: 042917", "… Anmeldeseite ein: 042917").
  const code = /: (\d{6})$/m.exec(found!.text)?.[1];
  if (!code) throw new Error(`The sign-in mail to ${to} has no code.`);
  return { link: found!.links.find((l) => l.includes(SIGN_IN_LINK))!, code };
}

/**
 * Opens the invitation, asks for a sign-in mail for `email` and completes the sign-in by its link
 * or its code. Returns on the signed-in invitation page (the pre-join: "Your name", devices, Join now).
 */
export async function signInGuest(
  page: Page,
  { joinUrl, email, via }: { joinUrl: string; email: string; via: 'link' | 'code' },
): Promise<void> {
  const seen = new Set((await mailbox(email)).map((m) => m.id));
  await page.goto(joinUrl);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByLabel('Your e-mail address', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Send sign-in e-mail' }).click();
  await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();
  const mail = await newSignInMail(email, seen);
  if (via === 'link') {
    await page.goto(mail.link);
    await page.getByRole('button', { name: 'Sign in and continue' }).click();
  } else {
    await page.getByLabel('Sign-in code', { exact: true }).fill(mail.code);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
  await expect(page.getByTestId('prejoin')).toBeVisible({ timeout: 30_000 });
}

/** The call page as the composite sees it (local mode's debug hook): 'lobby', 'call', … */
export function guestCallPage(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () => (window as unknown as { __vestibuleCall?: { state: { page: string } } }).__vestibuleCall?.state.page,
  );
}

/**
 * On the signed-in pre-join: sets the name others will see, clicks Join now and waits until the
 * call composite is on screen (its lobby or the call itself).
 */
export async function joinAsGuest(page: Page, { name }: { name: string }): Promise<void> {
  const nameBox = page.getByRole('textbox', { name: 'Your name' });
  await nameBox.fill(name);
  const joinNow = page.getByRole('button', { name: 'Join now' });
  await expect(joinNow).toBeEnabled({ timeout: 30_000 });
  await joinNow.click();
  await expect(page.getByTestId('guest-call')).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(() => guestCallPage(page), { message: 'the call composite shows the lobby or the call', timeout: 60_000 })
    .toMatch(/^(lobby|call)$/);
}
