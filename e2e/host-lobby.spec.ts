import { CommunicationIdentityClient } from '@azure/communication-identity';
import type { Browser, Page } from '@playwright/test';
import { connectAndJoin, type CallClient } from '../emulator/calling/client';
import { DEV_ONLY_ACS_ACCESS_KEY } from '../emulator/constants';
import { APP_URL, EMULATOR_URL } from '../playwright.config';
import { expect, test } from './fixtures';
import {
  callPage,
  endHeading,
  guestEmail,
  join,
  remoteParticipants,
  startButton,
  type Participant,
} from './support/call';
import { createStaff, mailsTo, signInAsStaff, type StaffUser } from './support/emulator';
import { joinAsGuest, signInGuest } from './support/guest';

// The whole product in one journey (issue #11): real Chromium with fake media, the emulator, no
// mocks and no back doors. Staff schedule and share through the portal; guests come in from their
// mail; the host manages the lobby from "Join as host"; a stranger with only the Teams link comes in
// through the calling protocol with an ACS identity of their own, as someone with their own ACS
// resource would. Several browsers at once on a busy machine: every wait is a poll.
test.describe.configure({ timeout: 300_000 });

const SLOW = { timeout: 45_000 };

const remoteVideo = (page: Page, kind: 'camera' | 'screen') =>
  page.locator(`video[data-stream-kind="${kind}"]:not([data-local="true"])`);

async function expectDecodingVideo(page: Page, kind: 'camera' | 'screen'): Promise<void> {
  const video = remoteVideo(page, kind).first();
  await expect(video).toBeVisible(SLOW);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), SLOW).toBeGreaterThan(0);
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), SLOW).toBeGreaterThan(t0);
}

/** A guest's browser, signed in from the invitation mail's link (the mail the portal sent). */
async function guestFromMail(browser: Browser, email: string, name: string) {
  const context = await browser.newContext({ baseURL: APP_URL, permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  const [invitation] = await mailsTo(email);
  const joinUrl = invitation!.links.find((l) => l.includes('/join/'))!;
  await signInGuest(page, { joinUrl, email, via: 'link' });
  return { context, page, name } satisfies Participant;
}

/** Counts the WebAudio tones the page starts (the lobby's arrival chime), without changing them. */
function countTones(): void {
  const counted = window as unknown as { __tones: number };
  counted.__tones = 0;
  const start = Object.getOwnPropertyDescriptor(AudioScheduledSourceNode.prototype, 'start')!.value as (
    this: OscillatorNode,
    when?: number,
  ) => void;
  OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
    counted.__tones += 1;
    start.call(this, when);
  };
  // (`start` lives on AudioScheduledSourceNode; the override on OscillatorNode shadows it for oscillators only.)
}
/**
 * "Join as host" as a person follows it (like support/call.ts openHostCall), with the tone counter in
 * place from the first page and room for the call bundle to load on a machine busy with five browsers.
 */
async function openHost(browser: Browser, staff: StaffUser, meetingId: string, subject: string): Promise<Participant> {
  const context = await browser.newContext({ baseURL: APP_URL, permissions: ['camera', 'microphone'] });
  await context.addInitScript(countTones);
  const page = await context.newPage();
  await signInAsStaff(page, staff);
  await page.goto(`/portal/meetings/${encodeURIComponent(meetingId)}`);
  await page.getByRole('link', { name: 'Join as host' }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible(SLOW);
  await expect(startButton(page)).toBeEnabled({ timeout: 120_000 });
  return { context, page, name: staff.displayName };
}

const tones = (page: Page) => page.evaluate(() => (window as unknown as { __tones: number }).__tones);

test('the host sees who Vestibule verified in the lobby, admits and denies, spots a stranger, and removes a guest revoked in the call', async ({
  page,
  browser,
}) => {
  const organizer = await createStaff('Hana Host');
  const stamp = Date.now().toString(36);
  const subject = `Vendor briefing ${stamp}`;
  const annEmail = guestEmail('Ann Fabrikam');
  const bobEmail = guestEmail('Bob Northwind');

  // Staff schedule a meeting whose lobby holds external users, and share it with two guests.
  await signInAsStaff(page, organizer);
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Who can bypass the lobby').selectOption('organization');
  await page.getByRole('button', { name: 'Schedule meeting' }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible(SLOW);
  const meetingId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  await page.getByLabel('Guest 1 e-mail').fill(annEmail);
  await page.getByLabel('Guest 1 name (optional)').fill('Ann Fabrikam');
  await page.getByRole('button', { name: 'Add another guest' }).click();
  await page.getByLabel('Guest 2 e-mail').fill(bobEmail);
  await page.getByRole('button', { name: 'Send invitations' }).click();
  await expect(page.getByText(`Invitation sent to ${annEmail}, ${bobEmail}.`)).toBeVisible(SLOW);
  const annRow = page.getByTestId(`share-${annEmail}`);
  const bobRow = page.getByTestId(`share-${bobEmail}`);

  const ann = await guestFromMail(browser, annEmail, 'Ann Fabrikam');
  const bob = await guestFromMail(browser, bobEmail, 'Bob Northwind');
  let host: Participant | undefined;
  let stranger: CallClient | undefined;
  try {
    // The staff member opens "Join as host" (camera on) but has not joined yet. The emulator lets a
    // guest wait 40 s in the lobby in journeys, so the slow parts come before anyone waits.
    host = await openHost(browser, organizer, meetingId, subject);
    // The composite's camera toggle shows its state as Fluent's `is-checked` class (no aria-pressed).
    const camera = host.page.getByRole('button', { name: 'Camera', exact: true }).first();
    if (!/\bis-checked\b/.test((await camera.getAttribute('class')) ?? '')) await camera.click();
    await expect(camera).toHaveClass(/\bis-checked\b/, SLOW);

    // Both guests join and wait in the lobby; staff see it without reloading.
    await joinAsGuest(ann.page, { name: 'Ann Fabrikam' });
    await joinAsGuest(bob.page, { name: 'Bob Northwind' });
    await expect.poll(() => callPage(ann), SLOW).toBe('lobby');
    await expect.poll(() => callPage(bob), SLOW).toBe('lobby');
    await expect(annRow).toContainText('In lobby', SLOW);
    await expect(bobRow).toContainText('In lobby', SLOW);

    // The host joins and sees both marked verified, with the address each was invited at.
    await join(host);
    await expect.poll(() => callPage(host!), SLOW).toBe('call');
    const lobby = host.page.getByTestId('lobby-panel');
    const annEntry = lobby.getByRole('listitem').filter({ hasText: 'Ann Fabrikam (External)' });
    const bobEntry = lobby.getByRole('listitem').filter({ hasText: 'Bob Northwind (External)' });
    await expect(annEntry).toContainText(`Verified: ${annEmail}`, SLOW);
    await expect(bobEntry).toContainText(`Verified: ${bobEmail}`, SLOW);
    await expect(lobby.getByTestId('lobby-arrival')).toContainText('entered the lobby');
    await expect.poll(() => tones(host!.page), SLOW).toBeGreaterThan(0);

    // Admit Ann: host and guest see each other's decoding video, and the host sees the name she chose.
    await lobby.getByRole('button', { name: 'Admit Ann Fabrikam (External)', exact: true }).click();
    await expect.poll(() => callPage(ann), SLOW).toBe('call');
    // Bob is denied and told so (now, before his lobby wait runs out).
    await lobby.getByRole('button', { name: 'Deny Bob Northwind (External)', exact: true }).click();
    await expect(endHeading(bob.page)).toHaveText('You were not let into the meeting', SLOW);
    // Which addresses were invited is for the meeting's hosts only: a guest's session learns nothing.
    const identitiesUrl = `/api/meetings/${encodeURIComponent(meetingId)}/identities`;
    const asGuest = await bob.page.request.get(identitiesUrl);
    expect([401, 403]).toContain(asGuest.status());
    expect(await asGuest.text()).not.toContain(annEmail);
    await expect(annRow).toContainText('Joined', SLOW);
    await expectDecodingVideo(host.page, 'camera');
    await expectDecodingVideo(ann.page, 'camera');
    await expect.poll(async () => Object.keys(await remoteParticipants(host!)), SLOW).toEqual(['Ann Fabrikam']);
    await expect(host.page.getByText('Ann Fabrikam').first()).toBeVisible();
    await expect.poll(async () => Object.keys(await remoteParticipants(ann)), SLOW).toEqual(['Hana Host']);

    // Ann shares her screen; the host sees it decode.
    await ann.page.getByRole('button', { name: 'Present' }).click();
    await expectDecodingVideo(host.page, 'screen');

    // Someone with only the Teams link and an ACS identity of their own (not from Vestibule) knocks.
    const joinWebUrl = (
      (await (await page.request.get(`/api/meetings/${encodeURIComponent(meetingId)}`)).json()) as {
        joinWebUrl: string;
      }
    ).joinWebUrl;
    const identity = new CommunicationIdentityClient(`endpoint=${EMULATOR_URL}/;accesskey=${DEV_ONLY_ACS_ACCESS_KEY}`, {
      allowInsecureConnection: true,
    });
    const { token } = await identity.createUserAndToken(['voip']);
    const tonesBefore = await tones(host.page);
    const knocked = await connectAndJoin(`${EMULATOR_URL.replace(/^http/, 'ws')}/calling`, {
      token,
      meeting: { joinUrl: joinWebUrl },
      displayName: 'Mallory Outsider',
      state: { muted: true, cameraOn: false },
    });
    stranger = knocked.client;
    expect(knocked.first.type).toBe('joined');
    const strangerEntry = lobby.getByRole('listitem').filter({ hasText: 'Mallory Outsider (External)' });
    await expect(strangerEntry).toContainText('Not invited through Vestibule', SLOW);
    await expect(strangerEntry.locator('[data-mark="unknown"]')).toBeVisible();
    await expect(lobby.getByTestId('lobby-arrival')).toHaveText('Mallory Outsider (External) entered the lobby.');
    await expect.poll(() => tones(host!.page), SLOW).toBeGreaterThan(tonesBefore);
    // "Admit all verified" never admits a stranger: with only them waiting it is not offered.
    await expect(lobby.getByRole('button', { name: /Admit all verified/ })).toHaveCount(0);

    // Staff revoke Ann while she is in the call: the host's client removes her, then the portal says so.
    await annRow.getByRole('button', { name: `Revoke invitation of ${annEmail}` }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(page.getByText('removal requested from the host')).toBeVisible(SLOW);
    await expect(endHeading(ann.page)).toHaveText('You were removed from the meeting', SLOW);
    await expect(annRow).toContainText('Removed from the meeting', SLOW);
    await expect.poll(async () => Object.keys(await remoteParticipants(host!)), SLOW).toEqual([]);
    await expect(strangerEntry).toBeVisible();
  } finally {
    stranger?.close();
    await Promise.all([ann, bob, ...(host ? [host] : [])].map((p) => p.context.close()));
  }
});
