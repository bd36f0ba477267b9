import { expect, test } from './fixtures';
import { expectNoNewA11yViolations } from './support/a11y';
import { APP_URL } from '../playwright.config';
import { admin, createMeeting, createStaff, mailsTo, signInAsStaff } from './support/emulator';

test.describe('staff portal', () => {
  test('staff pages send people who are not signed in to sign-in', async ({ page, request }) => {
    await page.goto('/portal');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fportal/);
    await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeVisible();
    const res = await request.get('/api/meetings');
    expect(res.status()).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('Sign in');
  });

  test('an employee signs in, sees, schedules and looks up meetings, shares one with two guests and revokes one', async ({
    page,
  }) => {
    const organizer = await createStaff('Olivia Organizer');
    const existing = await createMeeting(organizer, 'Supplier kick-off', 30);
    const other = await createMeeting(organizer, 'Design review', 50);

    await signInAsStaff(page, organizer);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByText('Olivia Organizer')).toBeVisible();

    // My meetings: both calendar meetings, shareable.
    await expect(page.getByText('Supplier kick-off')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Share Design review' })).toBeVisible();
    await expectNoNewA11yViolations(page, 'my meetings');

    // Obvious mistakes are caught before a round trip, and the form says what to fix.
    await page.getByRole('button', { name: 'Schedule meeting' }).click();
    const summary = page.getByTestId('error-summary');
    await expect(summary).toContainText('Subject: Give the meeting a subject.');
    await expect(page.getByLabel('Subject')).toBeFocused();
    await expectNoNewA11yViolations(page, 'schedule form with an error');

    // Schedule a new meeting: it opens, and shows up in the list.
    await page.getByLabel('Subject').fill('Onboarding with Fabrikam');
    await page.getByLabel('Duration').selectOption('45');
    await page.getByLabel('Who can bypass the lobby').selectOption('organization');
    await page.getByRole('button', { name: 'Schedule meeting' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Onboarding with Fabrikam' })).toBeVisible();
    await expect(page.getByText('guests wait in the lobby to be admitted')).toBeVisible();
    await page.getByRole('link', { name: '← Your meetings' }).click();
    await expect(page.getByText('Onboarding with Fabrikam')).toBeVisible();

    // Look up by link, as pasted from an invitation (inside a sentence, wrapped in angle brackets).
    await page.getByLabel('Teams meeting link').fill(`Join here: <${existing.joinWebUrl}>`);
    await page.getByRole('button', { name: 'Find meeting' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Supplier kick-off' })).toBeVisible();
    await page.getByRole('link', { name: '← Your meetings' }).click();

    // Look up by meeting ID + passcode, with the spaces Teams shows.
    await page.getByRole('button', { name: 'By meeting ID' }).click();
    const spaced = other.joinMeetingIdSettings.joinMeetingId.replace(/(\d{3})(?=\d)/g, '$1 ');
    await page.getByLabel('Meeting ID').fill(spaced);
    await page.getByLabel('Passcode').fill('wrong1');
    await page.getByRole('button', { name: 'Find meeting' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText("passcode doesn't match");
    await page.getByLabel('Passcode').fill(other.joinMeetingIdSettings.passcode);
    await page.getByRole('button', { name: 'Find meeting' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Design review' })).toBeVisible();
    // Graph ids hold '/', '+' and '=': the page URL carries the id percent-encoded and survives a reload.
    expect(other.id).toMatch(/[/+]/);
    expect(new URL(page.url()).pathname).toBe(`/portal/meetings/${encodeURIComponent(other.id)}`);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Design review' })).toBeVisible();

    // Share with two guests; a malformed address is caught in the browser first.
    const stamp = Date.now();
    const guestA = `ada.${stamp}@fabrikam.example`;
    const guestB = `ben.${stamp}@northwind.example`;
    await page.getByLabel('Guest 1 e-mail').fill('ada at fabrikam');
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await expect(page.getByTestId('error-summary')).toContainText(
      'Guest 1 e-mail: Enter a valid e-mail address, like name@example.com.',
    );
    await expect(page.getByLabel('Guest 1 e-mail')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Guest 1 e-mail').fill(guestA);
    await page.getByLabel('Guest 1 name (optional)').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Add another guest' }).click();
    await page.getByLabel('Guest 2 e-mail').fill(guestB);
    await page.getByLabel('Personal message (optional)').fill('Looking forward to it <3');
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await expect(page.getByRole('status')).toContainText(`Invitation sent to ${guestA}, ${guestB}`);
    await expect(page.getByTestId(`share-${guestA}`)).toContainText('Delivered');
    await expect(page.getByTestId(`share-${guestB}`)).toContainText('Invited');
    // The trail names each recipient and credits the delivery to no one in particular.
    await expect(page.getByText(`Invitation e-mail delivered to ${guestA}`)).toBeVisible();
    await expectNoNewA11yViolations(page, 'meeting page with guests');

    // Both invitations arrive, each with its own working link to this app.
    const [mailA] = await mailsTo(guestA);
    const [mailB] = await mailsTo(guestB);
    for (const mail of [mailA!, mailB!]) {
      expect(mail.subject).toContain('Design review');
      expect(mail.text).toContain('Olivia Organizer');
      expect(mail.html).not.toContain('<3'); // the personal message is escaped
    }
    const linkA = mailA!.links.find((l) => l.includes('/join/'))!;
    const linkB = mailB!.links.find((l) => l.includes('/join/'))!;
    expect(linkA.startsWith(`${APP_URL}/join/`)).toBe(true);
    expect(linkA.slice(`${APP_URL}/join/`.length)).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(linkA).not.toBe(linkB);

    // Inviting the same guest again is refused, with the reason at the field.
    await page.getByLabel('Guest 1 e-mail').fill(guestA);
    await page.getByRole('button', { name: 'Send invitations' }).click();
    // The server's reason, at the field and in the form's summary of what to fix.
    await expect(page.locator('#guest-email-0-error')).toContainText(
      `${guestA} already has an invitation to this meeting`,
    );
    await expect(page.getByTestId('error-summary')).toContainText(
      `Guest 1 e-mail: ${guestA} already has an invitation to this meeting`,
    );

    // Resending while the mail relay is slow: the row and a status line say it is under way.
    await admin('/faults', { surface: 'mail', delayMs: 3_000, count: 1 });
    const resendA = page.getByRole('button', { name: `Resend invitation to ${guestA}` });
    await resendA.click();
    await expect(page.getByTestId('shares-progress')).toHaveText(`Sending the invitation again to ${guestA}…`);
    await expect(resendA).toHaveAttribute('aria-busy', 'true');
    await expect(resendA).toHaveText('Resending…');
    await expect(page.getByText(`Invitation sent again to ${guestA}.`)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('shares-progress')).toHaveCount(0);

    // Revoke guest B: the list and the audit trail say so, and B's link no longer leads anywhere.
    await page.getByRole('button', { name: `Revoke invitation of ${guestB}` }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(page.getByTestId(`share-${guestB}`)).toContainText('Revoked');
    await expect(page.getByTestId(`share-${guestA}`)).toContainText('Invited');
    await expect(
      page
        .getByRole('region', { name: 'Activity' })
        .or(page.locator('section', { has: page.getByRole('heading', { name: 'Activity' }) })),
    ).toContainText(`revoked access for ${guestB}`);

    const guest = await page.context().browser()!.newContext();
    const guestPage = await guest.newPage();
    await guestPage.goto(linkB);
    await expect(guestPage.getByRole('heading', { level: 1 })).toContainText('no longer valid');
    await guestPage.goto(linkA);
    await expect(guestPage.getByRole('heading', { level: 1 })).toContainText('Design review');
    await guest.close();
  });

  test('a Graph outage shows a banner with retry, and signing out ends the session', async ({ page }) => {
    const organizer = await createStaff('Oscar Outage');
    await createMeeting(organizer, 'Survives the outage', 20);
    await admin('/faults', { surface: 'graph', status: 503, pathPrefix: '/graph/v1.0/me/calendarView', count: 2 });
    try {
      await signInAsStaff(page, organizer);
      const banner = page.getByRole('main').getByRole('alert');
      await expect(banner).toContainText('Microsoft Graph is not answering right now');
      await expect(page.getByText('Survives the outage')).toHaveCount(0);
      await banner.getByRole('button', { name: 'Retry' }).click();
      await expect(page.getByText('Survives the outage')).toBeVisible();
    } finally {
      await admin('/faults', undefined, 'DELETE');
    }

    await page.getByRole('button', { name: 'Sign out' }).click();
    // Sign-out continues at the identity provider (RP-initiated logout), which confirms and sends back.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/signed-out/);
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff sign-in' }),
    ).toBeVisible();
    await page.goto('/portal');
    await expect(page).toHaveURL(/\/signin/);
    const res = await page.request.get('/api/meetings');
    expect(res.status()).toBe(401);
  });
});
