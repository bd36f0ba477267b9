import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { ADMIN_REQUEST_HEADERS } from '../../emulator/constants';
import { EMULATOR_URL } from '../../playwright.config';

/** Calls the emulator's admin API (loopback only, with its admin header), the way tests set up their own tenant data. */
export async function admin<T>(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> {
  const res = await fetch(`${EMULATOR_URL}/admin${path}`, {
    method,
    headers: ADMIN_REQUEST_HEADERS,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`admin ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export interface StaffUser {
  id: string;
  upn: string;
  displayName: string;
  password: string;
}

/** A fresh staff member of the emulated tenant, so tests never depend on seed data or each other. */
export async function createStaff(name = 'Test Organizer'): Promise<StaffUser> {
  const upn = `staff-${randomUUID().slice(0, 8)}@contoso.test`;
  const password = `Pw-${randomUUID()}`;
  const user = await admin<{ id: string }>('/users', { displayName: name, upn, password });
  return { id: user.id, upn, displayName: name, password };
}

export interface GraphMeeting {
  id: string;
  subject: string;
  joinWebUrl: string;
  joinMeetingIdSettings: { joinMeetingId: string; passcode: string };
}

export async function createMeeting(
  organizer: StaffUser,
  subject: string,
  startsInHours = 24,
  options: { lobbyBypassScope?: string; allowMeetingChat?: 'enabled' | 'limited' | 'disabled' } = {},
): Promise<GraphMeeting> {
  const start = new Date(Date.now() + startsInHours * 3600_000);
  start.setUTCMinutes(0, 0, 0);
  return admin<GraphMeeting>('/meetings', {
    organizer: organizer.upn,
    subject,
    startDateTime: start.toISOString(),
    endDateTime: new Date(start.getTime() + 3600_000).toISOString(),
    onCalendar: true,
    ...options,
  });
}

export interface Mail {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  links: string[];
}

/** Waits for the mails addressed to `to` in the emulator's mail catcher. */
export async function mailsTo(to: string, count = 1): Promise<Mail[]> {
  let mails: Mail[] = [];
  await expect
    .poll(
      async () => {
        const res = await fetch(`${EMULATOR_URL}/mailbox/messages?to=${encodeURIComponent(to)}`);
        mails = ((await res.json()) as { value: Mail[] }).value;
        return mails.length;
      },
      { message: `mail to ${to}` },
    )
    .toBeGreaterThanOrEqual(count);
  return mails;
}

/** Signs in through the emulator's Entra-like login page, as a person would. */
export async function signInAsStaff(page: Page, user: StaffUser, startAt = '/portal'): Promise<void> {
  await page.goto(startAt);
  // The button works once the page is hydrated; a click that lands before that does nothing, so click
  // until the browser is on the emulator's login page.
  await expect(async () => {
    if (!page.url().startsWith(EMULATOR_URL)) {
      await page.getByRole('button', { name: 'Sign in with Microsoft' }).click({ timeout: 5_000 });
    }
    await page.waitForURL(`${EMULATOR_URL}/**`, { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await page
    .getByLabel(/e-?mail|user/i)
    .first()
    .fill(user.upn);
  await page.getByLabel(/password/i).fill(user.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page.getByRole('heading', { name: 'Your Teams meetings' })).toBeVisible();
}
