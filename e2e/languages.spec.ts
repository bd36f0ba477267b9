import type { Browser, Page } from '@playwright/test';
import { APP_URL } from '../playwright.config';
import { expect, test } from './fixtures';
import { guestEmail } from './support/call';
import { createMeeting, createStaff, mailsTo, signInAsStaff } from './support/emulator';
import { guestCallPage } from './support/guest';

// Guests read Vestibule — its pages, its mails and the call composite — in their language: the one
// they picked, else the one staff chose for their invitation, else their browser's.
test.describe.configure({ timeout: 180_000 });

const SLOW = { timeout: 30_000 };

/** Staff share a meeting through the portal's API, with a language per guest where given. */
async function share(page: Page, meetingId: string, guests: { email: string; language?: string }[]) {
  const res = await page.request.post(`/api/meetings/${encodeURIComponent(meetingId)}/shares`, { data: { guests } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { shares: { id: string; joinPath: string }[] }).shares;
}

async function guestContext(browser: Browser, locale: string) {
  const context = await browser.newContext({ baseURL: APP_URL, locale, permissions: ['camera', 'microphone'] });
  return { context, page: await context.newPage() };
}

test('a guest with a German browser signs in, gets ready and waits in the lobby, all in German, the composite included', async ({
  page,
  browser,
}) => {
  const organizer = await createStaff('Greta Sprache');
  const meeting = await createMeeting(organizer, 'Lieferantengespräch', 1, { lobbyBypassScope: 'organization' });
  await signInAsStaff(page, organizer);
  const email = guestEmail('Jana Deutsch');
  const [invitation] = await share(page, meeting.id, [{ email }]);
  // Chosen no language for her: the invitation mail is English, her pages follow her browser.
  expect((await mailsTo(email))[0]?.subject).toBe('Greta Sprache invited you to “Lieferantengespräch”');

  const jana = await guestContext(browser, 'de-DE');
  try {
    const { page: guest } = jana;
    await guest.goto(invitation!.joinPath);
    await expect(guest.locator('[lang="de"]').first()).toBeVisible();
    await expect(guest.getByText('Greta Sprache hat Sie')).toBeVisible();
    await expect(guest.getByRole('button', { name: 'Deutsch' })).toHaveAttribute('aria-pressed', 'true');

    // Sign-in by code, every step in German, and the sign-in mail in German too.
    await guest.getByRole('button', { name: 'Teilnehmen', exact: true }).click();
    await expect(guest.getByRole('heading', { name: 'E-Mail-Adresse bestätigen' })).toBeVisible();
    await guest.getByLabel('Ihre E-Mail-Adresse', { exact: true }).fill(email);
    await guest.getByRole('button', { name: 'Anmelde-E-Mail senden' }).click();
    await expect(guest.getByRole('heading', { name: 'Sehen Sie in Ihr Postfach' })).toBeVisible();
    await expect(guest.getByRole('status').filter({ hasText: 'Anmelde-E-Mail mit Link' })).toBeVisible();
    const signIn = (await mailsTo(email, 2)).find((m) => m.subject.startsWith('Anmelden für'));
    expect(signIn?.subject).toBe('Anmelden für „Lieferantengespräch“');
    const code = /: (\d{6})$/m.exec(signIn!.text)![1]!;
    // A wrong code is refused in German too (the server's own words are English; the page says it).
    await guest.getByLabel('Anmeldecode', { exact: true }).fill(code === '000000' ? '111111' : '000000');
    await guest.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect(guest.getByText('Dieser Code ist ungültig.').first()).toBeVisible();
    await expect(guest.getByText('That code is not valid')).toHaveCount(0);
    await guest.getByLabel('Anmeldecode', { exact: true }).fill(code);
    await guest.getByRole('button', { name: 'Anmelden', exact: true }).click();

    // The pre-join in German, with its German name check.
    await expect(guest.getByTestId('prejoin')).toBeVisible(SLOW);
    await expect(guest.getByText(`Angemeldet als ${email}`)).toBeVisible();
    await expect(guest.getByLabel('Kamera', { exact: true })).toBeVisible();
    await expect(guest.getByRole('button', { name: 'Lautsprecher testen' })).toBeVisible();
    await guest.getByRole('button', { name: 'Jetzt teilnehmen' }).click();
    await expect(guest.getByText('Geben Sie den Namen ein, den die anderen sehen.')).toBeVisible();
    await guest.getByRole('textbox', { name: 'Ihr Name' }).fill('Jana Deutsch');
    await guest.getByRole('button', { name: 'Jetzt teilnehmen' }).click();

    // The lobby: Vestibule's German lobby text, and the UI Library's own German strings around it.
    await expect.poll(() => guestCallPage(guest), SLOW).toBe('lobby');
    const call = guest.getByTestId('guest-call');
    await expect(call).toHaveAttribute('aria-label', 'Besprechung');
    await expect(call.getByText('Gleich sollte Sie jemand aus der Besprechung hereinlassen')).toBeVisible(SLOW);
    await expect(call.getByRole('button', { name: /Verlassen/ }).first()).toBeVisible();
    await expect(call.getByRole('button', { name: /Leave|Hang up/i })).toHaveCount(0);
  } finally {
    await jana.context.close();
  }
});

test('the invitation’s language comes before the browser’s, the switcher before both, and it is remembered', async ({
  page,
  browser,
}) => {
  const organizer = await createStaff('Sam Switch');
  const meeting = await createMeeting(organizer, 'Revisión trimestral', 24);
  await signInAsStaff(page, organizer);
  const email = guestEmail('Lucia Espanol');
  const [invitation] = await share(page, meeting.id, [{ email, language: 'es' }]);
  // Staff chose Spanish for her: the invitation mail is Spanish.
  const [mail] = await mailsTo(email);
  expect(mail?.subject).toBe('Sam Switch le ha invitado a «Revisión trimestral»');
  expect(mail?.text).toContain('Pulse «Unirse»');

  // Her browser says German, but the page continues in the language of the mail she just read.
  const lucia = await guestContext(browser, 'de-DE');
  try {
    const { page: guest } = lucia;
    await guest.goto(invitation!.joinPath);
    await expect(guest.getByRole('button', { name: 'Unirse', exact: true })).toBeVisible();
    await expect(guest.getByRole('navigation', { name: 'Idioma' })).toBeVisible();

    // She picks French: the page changes in place, and stays French after a reload.
    await guest.getByRole('button', { name: 'Français' }).click();
    await expect(guest.getByRole('button', { name: 'Participer', exact: true })).toBeVisible();
    await expect(guest.getByRole('button', { name: 'Français' })).toHaveAttribute('aria-pressed', 'true');
    await expect(guest.locator('[lang="fr"]').first()).toBeVisible();
    await guest.reload();
    await expect(guest.getByRole('button', { name: 'Participer', exact: true })).toBeVisible();
    await guest.goto('/device-check');
    await expect(
      guest.getByRole('heading', { level: 1, name: 'Tester la caméra, le micro et le haut-parleur' }),
    ).toBeVisible();

    // And back to English by the same switcher.
    await guest.getByRole('button', { name: 'English' }).click();
    await expect(
      guest.getByRole('heading', { level: 1, name: 'Check your camera, microphone and speaker' }),
    ).toBeVisible();
  } finally {
    await lucia.context.close();
  }

  // A browser in a language Vestibule lacks, on an invitation without one: English.
  const other = await guestContext(browser, 'ja-JP');
  try {
    const [plain] = await share(page, meeting.id, [{ email: guestEmail('Kenji Plain') }]);
    await other.page.goto(plain!.joinPath);
    await expect(other.page.getByRole('button', { name: 'Join', exact: true })).toBeVisible();
  } finally {
    await other.context.close();
  }
});

test('the device check plays a test sound through the speaker, asks whether it was heard, and leads back to the invitation', async ({
  page,
  browser,
}) => {
  const organizer = await createStaff('Dev Check');
  const meeting = await createMeeting(organizer, 'Sound check', 24);
  await signInAsStaff(page, organizer);
  const [invitation] = await share(page, meeting.id, [{ email: guestEmail('Sonia Sound') }]);

  const sonia = await guestContext(browser, 'en-GB');
  try {
    const { page: guest } = sonia;
    await guest.goto(invitation!.joinPath);
    await guest.getByRole('link', { name: 'Check your camera, microphone and speaker' }).click();
    await expect(guest).toHaveURL(`/device-check?from=${encodeURIComponent(invitation!.joinPath)}`);
    await expect(guest.getByTestId('camera-preview')).toBeVisible(SLOW);

    // The tone plays for about a second through the chosen speaker (Chromium lists fake outputs, so
    // setSinkId runs); the question comes once it played, since only the guest can tell if it was heard.
    const speaker = guest.getByTestId('speaker-test');
    await expect(speaker.getByRole('combobox', { name: 'Speaker' })).toBeEnabled();
    await speaker.getByRole('button', { name: 'Test speaker' }).click();
    await expect(speaker.getByRole('group', { name: 'Did you hear the test sound?' })).toBeVisible(SLOW);

    // "No": what to try. A new test asks again; "Yes": the speaker is confirmed.
    await speaker.getByRole('button', { name: 'No, I didn’t' }).click();
    await expect(speaker.getByTestId('speaker-test-result')).toContainText('Turn up the volume');
    await speaker.getByRole('button', { name: 'Test speaker' }).click();
    await speaker.getByRole('button', { name: 'Yes, I heard it' }).click();
    await expect(speaker.getByTestId('speaker-test-result')).toContainText('Your speaker works');

    // Back to the invitation it came from.
    await guest.getByRole('link', { name: 'Back to your invitation' }).last().click();
    await expect(guest).toHaveURL(invitation!.joinPath);
    await expect(guest.getByRole('button', { name: 'Join', exact: true })).toBeVisible();

    // A return path to anywhere but an invitation on this site gives no way back at all.
    for (const from of ['https://evil.example/join/abc', '//evil.example/join/abc', '/portal']) {
      await guest.goto(`/device-check?from=${encodeURIComponent(from)}`);
      await expect(guest.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(guest.getByRole('link', { name: 'Back to your invitation' })).toHaveCount(0);
    }
  } finally {
    await sonia.context.close();
  }
});
