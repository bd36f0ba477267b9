import type { Browser, Page } from '@playwright/test';
import { APP_URL } from '../playwright.config';
import { expect, test } from './fixtures';
import { expectNoNewA11yViolations } from './support/a11y';
import {
  callPage,
  expectHearing,
  join,
  openHostCall,
  remoteParticipants,
  totals,
  type Participant,
} from './support/call';
import { admin, createMeeting, createStaff, signInAsStaff } from './support/emulator';
import { guestCallPage, joinAsGuest, signInGuest } from './support/guest';

// Real Chromium contexts with fake cameras and microphones, the emulator, no mocks: the guest's whole
// way from the invitation to the call and out again, and what staff see meanwhile.
test.describe.configure({ timeout: 240_000 });

const SLOW = { timeout: 30_000 };

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

async function guest(browser: Browser, name: string, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext({ baseURL: APP_URL, permissions: ['camera', 'microphone'], ...options });
  return { context, page: await context.newPage(), name } satisfies Participant;
}

const remoteVideo = (page: Page) => page.locator('video[data-stream-kind="camera"]:not([data-local="true"])');

async function expectDecodingVideo(page: Page): Promise<void> {
  const video = remoteVideo(page).first();
  await expect(video).toBeVisible(SLOW);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), SLOW).toBeGreaterThan(0);
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), SLOW).toBeGreaterThan(t0);
}

/** The composite's hang-up button, then its confirmation. */
async function leave(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: /leave|hang up/i })
    .first()
    .click();
  // The composite may ask to confirm, and on a busy machine the dialog can take seconds: wait for it or
  // for the end screen (isVisible does not wait, whatever timeout it is given).
  const confirm = page.getByRole('dialog').getByRole('button', { name: 'Leave' });
  await expect(confirm.or(page.getByTestId('call-ended'))).toBeVisible({ timeout: 30_000 });
  if (await confirm.isVisible()) await confirm.click();
}

const tokenStatus = async (page: Page, shareId: string) => {
  const res = await page.request.post(`/api/shares/${shareId}/token`, { data: { displayName: 'Anyone' } });
  return { status: res.status(), body: (await res.json()) as { error?: { message: string } } };
};

test('two invited guests sign in, join with their names, see and hear each other; staff follow live; revocation stops Rejoin, not the call', async ({
  page,
  browser,
}) => {
  const organizer = await createStaff('Jo Journey');
  const meeting = await createMeeting(organizer, 'Supplier review', 1, { lobbyBypassScope: 'everyone' });
  await signInAsStaff(page, organizer);
  const stamp = Date.now();
  const emailA = `ann.${stamp}@fabrikam.example`;
  const emailB = `bob.${stamp}@northwind.example`;
  const [shareA, shareB] = await shareWith(page, meeting.id, [emailA, emailB]);
  // Staff keep the meeting page open; it must follow the guests without a reload.
  await page.goto(`/portal/meetings/${encodeURIComponent(meeting.id)}`);
  const rowA = page.getByTestId(`share-${emailA}`);
  const rowB = page.getByTestId(`share-${emailB}`);

  const ann = await guest(browser, 'Ann Fabrikam');
  const bob = await guest(browser, 'Bob Northwind');
  try {
    await signInGuest(ann.page, { joinUrl: shareA!.joinPath, email: emailA, via: 'link' });
    await signInGuest(bob.page, { joinUrl: shareB!.joinPath, email: emailB, via: 'code' });

    // The pre-join: the meeting, its local time, the camera preview on by default, an honest name check.
    await expect(ann.page.getByRole('heading', { level: 1, name: 'Supplier review' })).toBeVisible();
    await expect(ann.page.getByTestId('prejoin')).toContainText(/\d/);
    await expect(ann.page.getByTestId('camera-preview')).toBeVisible(SLOW);
    await expect
      .poll(() => ann.page.getByTestId('camera-preview').evaluate((v: HTMLVideoElement) => v.videoWidth), SLOW)
      .toBeGreaterThan(0);
    await expect(ann.page.getByLabel('Camera', { exact: true })).toBeEnabled();
    await expect(ann.page.getByLabel('Microphone', { exact: true })).toBeEnabled();
    await expect(ann.page.getByLabel('Speaker', { exact: true })).toBeVisible();
    const nameBox = ann.page.getByRole('textbox', { name: 'Your name' });
    await nameBox.fill('Ann\u202Eevil');
    await ann.page.getByRole('button', { name: 'Join now' }).click();
    await expect(ann.page.getByText('The name cannot contain line breaks or control characters.')).toBeVisible();
    await expect(nameBox).toHaveAttribute('aria-invalid', 'true');
    await expect(nameBox).toHaveValue('Ann\u202Eevil');
    await expect(rowA).toContainText('Signed in', SLOW);
    await expectNoNewA11yViolations(ann.page, 'pre-join with a name error');

    await joinAsGuest(ann.page, { name: '  Ann Fabrikam ' });
    await joinAsGuest(bob.page, { name: 'Bob Northwind' });
    await expect.poll(() => guestCallPage(ann.page), SLOW).toBe('call');
    await expect.poll(() => guestCallPage(bob.page), SLOW).toBe('call');
    // The call takes the window: the site's header is covered by it and out of the keyboard's way.
    await expect(ann.page.getByTestId('guest-call')).toBeInViewport();
    await expect(ann.page.getByTestId('guest-call')).toHaveAttribute('data-form-factor', 'desktop');
    await expect(ann.page.locator('body > header')).toHaveAttribute('inert', '');

    // Each sees the other's decoding video, hears them, and sees the name they chose (trimmed).
    await expectDecodingVideo(ann.page);
    await expectDecodingVideo(bob.page);
    await expectHearing(ann);
    await expectHearing(bob);
    await expect.poll(async () => Object.keys(await remoteParticipants(ann)), SLOW).toEqual(['Bob Northwind']);
    await expect.poll(async () => Object.keys(await remoteParticipants(bob)), SLOW).toEqual(['Ann Fabrikam']);
    await expect(ann.page.getByText('Bob Northwind').first()).toBeVisible();
    await expect(bob.page.getByText('Ann Fabrikam').first()).toBeVisible();
    await expectNoNewA11yViolations(ann.page, 'in the call with another guest');

    // Staff see both joined, without reloading.
    await expect(rowA).toContainText('Joined', SLOW);
    await expect(rowB).toContainText('Joined', SLOW);
    await expectNoNewA11yViolations(page, 'staff meeting page with guests in the call');

    // Revoking Bob's invitation does not remove him from the call.
    expect((await page.request.delete(`/api/shares/${shareB!.id}`)).status()).toBe(200);
    await expect(rowB).toContainText('Revoked', SLOW);
    const before = await totals(ann);
    await expect.poll(async () => (await totals(ann)).video, SLOW).toBeGreaterThan(before.video);
    expect(await callPage(bob)).toBe('call');
    // But no new token: a refresh through the route is refused as withdrawn.
    const refresh = await tokenStatus(bob.page, shareB!.id);
    expect(refresh.status).toBe(410);
    expect(refresh.body.error?.message).toContain('withdrawn');

    // Bob leaves: Vestibule's end screen; Rejoin asks for a new token and is told the invitation is withdrawn.
    await leave(bob.page);
    await expect(bob.page.getByRole('heading', { level: 1, name: 'You left the meeting' })).toBeVisible(SLOW);
    await bob.page.getByRole('button', { name: 'Rejoin' }).click();
    await expect(bob.page.getByRole('heading', { level: 1, name: 'Your invitation was withdrawn' })).toBeVisible(SLOW);
    await expect(bob.page.getByRole('button', { name: 'Rejoin' })).toHaveCount(0);
    await expectNoNewA11yViolations(bob.page, 'call ended: invitation withdrawn');
    await expect.poll(async () => Object.keys(await remoteParticipants(ann)), SLOW).toEqual([]);

    // Ann leaves too; staff see it.
    await leave(ann.page);
    await expect(ann.page.getByRole('heading', { level: 1, name: 'You left the meeting' })).toBeVisible(SLOW);
    await expect(rowA).toContainText('Left', SLOW);
    await expect(rowB).toContainText('Revoked');
  } finally {
    await ann.context.close();
    await bob.context.close();
  }
});

test('on a phone-sized screen a guest signs in, joins, leaves and rejoins; a revoked guest whose connection drops is told the invitation was withdrawn', async ({
  page,
  browser,
}) => {
  const organizer = await createStaff('Pat Phone');
  const meeting = await createMeeting(organizer, 'Site visit', 1, { lobbyBypassScope: 'everyone' });
  await signInAsStaff(page, organizer);
  const email = `cai.${Date.now()}@contoso-partner.example`;
  const [share] = await shareWith(page, meeting.id, [email]);

  const cai = await guest(browser, 'Cai Mobile', {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  try {
    await signInGuest(cai.page, { joinUrl: share!.joinPath, email, via: 'code' });
    await expect(cai.page.getByTestId('camera-preview')).toBeVisible(SLOW);
    await joinAsGuest(cai.page, { name: 'Cai Mobile' });
    await expect.poll(() => guestCallPage(cai.page), SLOW).toBe('call');
    await expect(cai.page.getByTestId('guest-call')).toBeInViewport();
    // The composite's phone layout, not the desktop one squeezed.
    await expect(cai.page.getByTestId('guest-call')).toHaveAttribute('data-form-factor', 'mobile');
    await expectNoNewA11yViolations(cai.page, 'in the call on a phone');

    await leave(cai.page);
    await expect(cai.page.getByRole('heading', { level: 1, name: 'You left the meeting' })).toBeVisible(SLOW);
    await expectNoNewA11yViolations(cai.page, 'call ended on a phone');
    // The invitation is still valid: Rejoin brings the guest back into the call.
    await cai.page.getByRole('button', { name: 'Rejoin' }).click();
    await expect.poll(() => guestCallPage(cai.page), SLOW).toBe('call');

    // Revoked while in the call, then the network drops: the resume's token is refused, and the
    // guest is told why (withdrawn), not that the connection failed, and offered no futile Rejoin.
    expect((await page.request.delete(`/api/shares/${share!.id}`)).status()).toBe(200);
    const calls = await admin<{ value: { participants: { id: string; displayName: string }[] }[] }>('/calls');
    const inCall = calls.value.flatMap((c) => c.participants).find((p) => p.displayName === 'Cai Mobile')!;
    await admin(`/calls/participants/${inCall.id}/drop`, {});
    await expect(cai.page.getByRole('heading', { level: 1, name: 'Your invitation was withdrawn' })).toBeVisible(SLOW);
    await expect(cai.page.getByRole('button', { name: 'Rejoin' })).toHaveCount(0);
  } finally {
    await cai.context.close();
  }
});

test('a guest without camera or microphone waits in the lobby, is told when denied, rejoins and is admitted', async ({
  page,
  browser,
}) => {
  const organizer = await createStaff('Lou Lobby');
  const meeting = await createMeeting(organizer, 'Hiring panel', 1, { lobbyBypassScope: 'organization' });
  await signInAsStaff(page, organizer);
  const email = `dee.${Date.now()}@fabrikam.example`;
  const [share] = await shareWith(page, meeting.id, [email]);
  await page.goto(`/portal/meetings/${encodeURIComponent(meeting.id)}`);
  const row = page.getByTestId(`share-${email}`);

  const host = await openHostCall(browser, organizer, meeting);
  const dee = await guest(browser, 'Dee Listener');
  // The guest blocked camera and microphone for the site.
  await dee.context.addInitScript(() => {
    if (navigator.mediaDevices)
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  try {
    await join(host);
    await expect.poll(() => callPage(host), SLOW).toBe('call');

    await signInGuest(dee.page, { joinUrl: share!.joinPath, email, via: 'link' });
    await expect(dee.page.getByTestId('permission-help')).toContainText('Firefox');
    await expect(dee.page.getByRole('button', { name: 'Camera off' })).toBeDisabled();
    await joinAsGuest(dee.page, { name: 'Dee Listener' });
    await expect(dee.page.getByText('Someone in the meeting should let you in soon')).toBeVisible(SLOW);
    await expect(row).toContainText('In lobby', SLOW);

    const lobby = host.page.getByTestId('lobby-panel');
    await lobby.getByRole('button', { name: 'Deny Dee Listener (External)', exact: true }).click();
    await expect(dee.page.getByRole('heading', { level: 1, name: 'You were not let into the meeting' })).toBeVisible(
      SLOW,
    );
    await expect(row).toContainText('Left', SLOW);

    // Still invited: Rejoin puts her back in the lobby, and this time she is admitted.
    await dee.page.getByRole('button', { name: 'Rejoin' }).click();
    await expect.poll(() => guestCallPage(dee.page), SLOW).toBe('lobby');
    await lobby.getByRole('button', { name: 'Admit Dee Listener (External)', exact: true }).click();
    await expect.poll(() => guestCallPage(dee.page), SLOW).toBe('call');
    await expect(row).toContainText('Joined', SLOW);
    await expectHearing(dee);
  } finally {
    await host.context.close();
    await dee.context.close();
  }
});

test('a browser that cannot make calls is told so, and which browsers can', async ({ page, browser }) => {
  const organizer = await createStaff('Uma Unsupported');
  const meeting = await createMeeting(organizer, 'Old browser', 1, { lobbyBypassScope: 'everyone' });
  await signInAsStaff(page, organizer);
  const email = `eli.${Date.now()}@fabrikam.example`;
  const [share] = await shareWith(page, meeting.id, [email]);
  const eli = await guest(browser, 'Eli Legacy');
  // No WebRTC, as in an in-app browser of a mail or chat app.
  await eli.context.addInitScript(() => {
    delete (window as unknown as { RTCPeerConnection?: unknown }).RTCPeerConnection;
  });
  try {
    await signInGuest(eli.page, { joinUrl: share!.joinPath, email, via: 'code' });
    await expect(eli.page.getByTestId('unsupported-browser')).toContainText('This browser can’t join the meeting');
    await expect(eli.page.getByTestId('unsupported-browser')).toContainText('Microsoft Edge, Google Chrome');
    await expect(eli.page.getByRole('button', { name: 'Join now' })).toHaveCount(0);
  } finally {
    await eli.context.close();
  }
});
