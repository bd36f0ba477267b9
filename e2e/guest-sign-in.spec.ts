import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { APP_URL, EMULATOR_URL } from '../playwright.config';
import { createMeeting, createStaff, mailsTo, signInAsStaff, type Mail } from './support/emulator';

interface Share {
  id: string;
  guestEmail: string;
  joinPath: string;
}

/** The staff API, as the portal's own pages call it, with the signed-in employee's cookies. */
async function shareWith(page: Page, meetingId: string, emails: string[]): Promise<Share[]> {
  const res = await page.request.post(`/api/meetings/${encodeURIComponent(meetingId)}/shares`, {
    data: { guests: emails.map((email) => ({ email })) },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { shares: Share[] }).shares;
}

function signInMail(mails: Mail[]): { link: string; code: string } {
  const mail = mails.find((m) => m.links.some((l) => l.includes('/sign-in?token=')))!;
  return {
    link: mail.links.find((l) => l.includes('/sign-in?token='))!,
    code: /enter this code on the sign-in page: (\d{6})/.exec(mail.text)![1]!,
  };
}

/** Join → e-mail address → "Check your e-mail", as a guest does it. */
async function askForSignIn(page: Page, share: Share, email: string): Promise<string> {
  await page.goto(share.joinPath);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'Confirm your e-mail address' })).toBeFocused();
  await page.getByLabel('Your e-mail address', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Send sign-in e-mail' }).click();
  await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeFocused();
  return (await page.getByRole('status').textContent()) ?? '';
}

async function token(request: APIRequestContext, shareId: string) {
  const res = await request.post(`/api/shares/${shareId}/token`, { data: { displayName: 'Guest' } });
  return { status: res.status(), body: (await res.json()) as { token?: string; error?: { message: string } } };
}

async function guestContext(browser: Browser) {
  const context = await browser.newContext({ baseURL: APP_URL });
  return { context, page: await context.newPage() };
}

test.describe('guest sign-in', () => {
  test('guests prove their address by link or by code; the token route admits only them', async ({ page, browser }) => {
    const organizer = await createStaff('Gina Guestlist');
    const meeting = await createMeeting(organizer, 'Partner sync', 30);
    await signInAsStaff(page, organizer);
    const stamp = Date.now();
    const emailA = `ann.${stamp}@fabrikam.example`;
    const emailB = `bob.${stamp}@northwind.example`;
    const [shareA, shareB] = await shareWith(page, meeting.id, [emailA, emailB]);

    // The staff session is not a guest session.
    expect((await token(page.request, shareA!.id)).status).toBe(403);

    // Guest A signs in by the link: opening it changes nothing, one click does.
    const a = await guestContext(browser);
    expect((await token(a.page.request, shareA!.id)).status).toBe(401);
    await askForSignIn(a.page, shareA!, emailA.toUpperCase());
    const mailA = signInMail(await mailsTo(emailA, 2));
    await a.page.goto(mailA.link);
    await expect(a.page.getByRole('heading', { name: 'Sign in to join “Partner sync”' })).toBeVisible();
    await a.page.reload(); // a mail scanner's visit would look like this: the link still works after it
    await a.page.getByRole('button', { name: 'Sign in and continue' }).click();
    await expect(a.page).toHaveURL(new RegExp(`${shareA!.joinPath}$`));
    await expect(a.page.getByTestId('prejoin')).toContainText(`Signed in as ${emailA}`);
    await expect(a.page.getByTestId('prejoin')).toContainText('Partner sync');
    // Used once, the link says so.
    await a.page.goto(mailA.link);
    await expect(a.page.getByRole('main').getByRole('alert')).toContainText('already been used');

    // Guest A now gets a token for their share — and only theirs.
    const issued = await token(a.page.request, shareA!.id);
    expect(issued.status).toBe(200);
    expect(issued.body.token).toBeTruthy();
    expect((await token(a.page.request, shareB!.id)).status).toBe(403);

    // A wrong address gets exactly the same answer, and no mail.
    const stranger = `eve.${stamp}@contoso.example`;
    const e = await guestContext(browser);
    const strangerAnswer = await askForSignIn(e.page, shareB!, stranger);
    // Guest B signs in by the code, after a wrong one.
    const b = await guestContext(browser);
    const answerB = await askForSignIn(b.page, shareB!, emailB);
    expect(strangerAnswer.replace(stranger, 'X')).toBe(answerB.replace(emailB, 'X'));
    const mailB = signInMail(await mailsTo(emailB, 2));
    await b.page.getByLabel('Sign-in code', { exact: true }).fill(mailB.code === '000000' ? '111111' : '000000');
    await b.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(b.page.getByText('That code is not valid')).toBeVisible();
    await expect(b.page.getByLabel('Sign-in code', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await b.page.getByLabel('Sign-in code', { exact: true }).fill(mailB.code);
    await b.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(b.page.getByTestId('prejoin')).toContainText(`Signed in as ${emailB}`);
    // B's mail was sent after the stranger asked; the stranger got none.
    const strangerMail = await fetch(`${EMULATOR_URL}/mailbox/messages?to=${encodeURIComponent(stranger)}`);
    expect(((await strangerMail.json()) as { value: unknown[] }).value).toEqual([]);

    // Guest A, signed in as A, opening B's invitation is not let in.
    await a.page.goto(shareB!.joinPath);
    await expect(a.page.getByTestId('prejoin')).toHaveCount(0);
    await expect(a.page.getByRole('main').getByRole('alert')).toContainText(`You are signed in as ${emailA}`);

    // Staff see both guests signed in.
    await page.goto(`/portal/meetings/${encodeURIComponent(meeting.id)}`);
    await expect(page.getByTestId(`share-${emailA}`)).toContainText('Signed in');
    await expect(page.getByTestId(`share-${emailB}`)).toContainText('Signed in');

    // Revoked: B's token request is refused as withdrawn.
    const revoke = await page.request.delete(`/api/shares/${shareB!.id}`);
    expect(revoke.status()).toBe(200);
    const withdrawn = await token(b.page.request, shareB!.id);
    expect(withdrawn.status).toBe(410);
    expect(withdrawn.body.error?.message).toContain('withdrawn');

    for (const c of [a, b, e]) await c.context.close();
  });
});
