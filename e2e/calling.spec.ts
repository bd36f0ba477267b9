import { CommunicationIdentityClient } from '@azure/communication-identity';
import type { Page } from '@playwright/test';
import { DEV_ONLY_ACS_ACCESS_KEY } from '../emulator/constants';
import { EMULATOR_URL } from '../playwright.config';
import { expect, test } from './fixtures';
import {
  callPage,
  endHeading,
  expectHearing,
  invite,
  inviteGuests,
  join,
  joinGuest,
  openGuest,
  openHostCall,
  remoteParticipants,
  totals,
  type Participant,
} from './support/call';
import { admin, createMeeting, createStaff, signInAsStaff } from './support/emulator';

// Real Chromium contexts with fake cameras and microphones, through the unmodified CallComposite on
// Vestibule's local WebRTC adapter and the emulator's calling service. Everyone comes in the way
// people do: guests through their invitation (staff API share, e-mailed sign-in, pre-join), hosts
// through "Join as host" on the meeting's staff page. Each journey holds several
// browsers at once, so give them time on a 2-core machine: every wait is a poll with room to spare.
test.describe.configure({ timeout: 180_000 });

const SLOW = { timeout: 30_000 };

/** Join now with the pre-join's camera on (its default when there is a camera), then the composite shows it. */
async function joinWithCamera(p: Participant): Promise<void> {
  await expect(p.page.getByRole('button', { name: 'Camera on' })).toHaveAttribute('aria-pressed', 'true', SLOW);
  await joinGuest(p);
  await expect(p.page.locator('video[data-local="true"], [data-local="true"] video').first()).toBeVisible(SLOW);
}

/** Turns the pre-join's camera off, then Join now: a guest who only talks. */
async function joinWithoutCamera(p: Participant): Promise<void> {
  await p.page.getByRole('button', { name: 'Camera on' }).click();
  await expect(p.page.getByRole('button', { name: 'Camera off' })).toHaveAttribute('aria-pressed', 'false');
  await joinGuest(p);
}

const remoteVideo = (page: Page, kind: 'camera' | 'screen') =>
  page.locator(`video[data-stream-kind="${kind}"]:not([data-local="true"])`);

async function expectDecodingVideo(page: Page, kind: 'camera' | 'screen'): Promise<void> {
  const video = remoteVideo(page, kind).first();
  await expect(video).toBeVisible(SLOW);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), SLOW).toBeGreaterThan(0);
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), SLOW).toBeGreaterThan(t0);
}

/** Sound is heard (energy and a playing element, see expectHearing) and video frames keep decoding. */
async function expectMediaFlowing(p: Participant): Promise<void> {
  await expectHearing(p);
  const before = await totals(p);
  await expect
    .poll(async () => (await totals(p)).video, { ...SLOW, message: `${p.name} decodes video` })
    .toBeGreaterThan(before.video);
}

test('two guests in a bypass meeting see and hear each other; mute, screen share and leave show on the other side', async ({
  browser,
}) => {
  const organizer = await createStaff('Bypass Organizer');
  const meeting = await createMeeting(organizer, 'Open house', 1, { lobbyBypassScope: 'everyone' });
  const [aliceShare, bobShare] = await invite(browser, organizer, meeting.id, [
    { name: 'Alice Guest' },
    { name: 'Bob Guest' },
  ]);
  const alice = await openGuest(browser, aliceShare!, 'Alice Guest');
  const bob = await openGuest(browser, bobShare!, 'Bob Guest');
  try {
    await joinWithCamera(alice);
    await expect.poll(() => callPage(alice), SLOW).toBe('call');
    await joinWithCamera(bob);
    await expect.poll(() => callPage(bob), SLOW).toBe('call');

    await expectDecodingVideo(alice.page, 'camera');
    await expectDecodingVideo(bob.page, 'camera');
    // Guests present (Teams' default) but never manage the lobby.
    await expect(alice.page.getByTestId('lobby-panel')).toHaveCount(0);
    await expectMediaFlowing(alice);
    await expectMediaFlowing(bob);

    // Mute shows on the other side.
    await alice.page.getByRole('button', { name: 'Mic' }).first().click();
    await expect.poll(async () => (await remoteParticipants(bob))['Alice Guest']?.isMuted, SLOW).toBe(true);
    await alice.page.getByRole('button', { name: 'Mic' }).first().click();
    await expect.poll(async () => (await remoteParticipants(bob))['Alice Guest']?.isMuted, SLOW).toBe(false);
    // Unmuted again: Bob hears her (energy, not just packets, which also flow while she is muted).
    await expectHearing(bob);

    // Screen share arrives as a screen-share tile that decodes.
    await alice.page.getByRole('button', { name: 'Present' }).click();
    await expectDecodingVideo(bob.page, 'screen');
    await expect.poll(async () => (await totals(bob)).screen, SLOW).toBeGreaterThan(0);

    // Leaving removes Alice's tile on Bob's side.
    await alice.page
      .getByRole('button', { name: /leave|hang up/i })
      .first()
      .click();
    await alice.page.getByRole('dialog').getByRole('button', { name: 'Leave' }).click();
    await expect(endHeading(alice.page)).toHaveText('You left the meeting', SLOW);
    await expect.poll(async () => Object.keys(await remoteParticipants(bob)), SLOW).toEqual([]);
    await expect(remoteVideo(bob.page, 'camera')).toHaveCount(0);
  } finally {
    await alice.context.close();
    await bob.context.close();
  }
});

test('a guest waits in the lobby until the organizer admits them; a denied guest is told so', async ({ browser }) => {
  const organizer = await createStaff('Lobby Organizer');
  const meeting = await createMeeting(organizer, 'Interview', 1, { lobbyBypassScope: 'organization' });
  const host = await openHostCall(browser, organizer, meeting);
  const [ginaShare, danShare] = await inviteGuests(host.page, meeting.id, [
    { name: 'Gina Guest' },
    { name: 'Dan Denied' },
  ]);
  const gina = await openGuest(browser, ginaShare!, 'Gina Guest');
  const dan = await openGuest(browser, danShare!, 'Dan Denied');
  try {
    await joinWithoutCamera(gina);
    await expect.poll(() => callPage(gina), SLOW).toBe('lobby');
    await expect(gina.page.getByText('Someone in the meeting should let you in soon')).toBeVisible(SLOW);

    await join(host);
    await expect.poll(() => callPage(host), SLOW).toBe('call');
    const lobby = host.page.getByTestId('lobby-panel');
    await expect(lobby).toContainText('Gina Guest', SLOW);
    // Still waiting: nobody has admitted her yet.
    await expect.poll(() => callPage(gina)).toBe('lobby');

    await lobby.getByRole('button', { name: 'Admit Gina Guest (External)', exact: true }).click();
    await expect.poll(() => callPage(gina), SLOW).toBe('call');
    await expect.poll(async () => Object.keys(await remoteParticipants(host)), SLOW).toContain('Gina Guest');
    await expect.poll(async () => Object.keys(await remoteParticipants(gina)), SLOW).toContain('Lobby Organizer');
    // Cameras stay off in this journey: the host's voice is what must reach the admitted guest.
    await expectHearing(gina);

    await joinWithoutCamera(dan);
    await expect(lobby).toContainText('Dan Denied', SLOW);
    await lobby.getByRole('button', { name: 'Deny Dan Denied (External)', exact: true }).click();
    await expect(endHeading(dan.page)).toHaveText('You were not let into the meeting', SLOW);
    await expect(lobby).not.toContainText('Dan Denied');
  } finally {
    await Promise.all([gina, host, dan].map((p) => p.context.close()));
  }
});

test('a dropped connection resumes without leaving; a revoked token keeps the call but is refused at the next resume', async ({
  browser,
}) => {
  const organizer = await createStaff('Resilience Organizer');
  const meeting = await createMeeting(organizer, 'Stand-up', 1, { lobbyBypassScope: 'everyone' });
  const [aliceShare, bobShare] = await invite(browser, organizer, meeting.id, [
    { name: 'Alice Stays' },
    { name: 'Bob Drops' },
  ]);
  const alice = await openGuest(browser, aliceShare!, 'Alice Stays');
  const bob = await openGuest(browser, bobShare!, 'Bob Drops');
  try {
    await joinWithCamera(alice);
    await expect.poll(() => callPage(alice)).toBe('call');
    await joinWithCamera(bob);
    await expectDecodingVideo(alice.page, 'camera');

    // Cut Bob's socket the way a network drop does; he resumes as the same participant.
    const calls = await admin<{
      value: { meetingId: string; participants: { id: string; displayName: string; identity: string }[] }[];
    }>('/calls');
    const bobInCall = calls.value.flatMap((c) => c.participants).find((p) => p.displayName === 'Bob Drops')!;
    await admin(`/calls/participants/${bobInCall.id}/drop`, {});
    await expect
      .poll(
        async () => {
          const again = await admin<typeof calls>('/calls');
          return again.value.flatMap((c) => c.participants).find((p) => p.identity === bobInCall.identity);
        },
        { timeout: 20_000 },
      )
      .toMatchObject({ id: bobInCall.id, reconnecting: false });
    expect(await callPage(bob)).toBe('call');
    expect(Object.keys(await remoteParticipants(alice))).toContain('Bob Drops');
    await expectMediaFlowing(alice);

    // Revoke Bob's ACS tokens through the identity API. Revocation stops tokens; it does not end a
    // call already joined: well past the 2 s in which the emulator used to drop him, he is still in.
    const identity = new CommunicationIdentityClient(`endpoint=${EMULATOR_URL}/;accesskey=${DEV_ONLY_ACS_ACCESS_KEY}`, {
      allowInsecureConnection: true,
    });
    await identity.revokeTokens({ communicationUserId: bobInCall.identity });
    await bob.page.waitForTimeout(5_000);
    expect(await callPage(bob)).toBe('call');
    expect(Object.keys(await remoteParticipants(alice))).toContain('Bob Drops');
    await expectMediaFlowing(alice);

    // His network drops again: the resume shows the revoked token and is refused (495/4507), which
    // Vestibule's end screen explains; Alice sees him go once his resume grace is over.
    await admin(`/calls/participants/${bobInCall.id}/drop`, {});
    await expect(endHeading(bob.page)).toHaveText('Your access to the meeting ended', { timeout: 20_000 });
    await expect
      .poll(async () => Object.keys(await remoteParticipants(alice)), { timeout: 60_000 })
      .not.toContain('Bob Drops');
  } finally {
    await alice.context.close();
    await bob.context.close();
  }
});

test('no way into a call without a session: no development call page, and the token routes refuse strangers', async ({
  browser,
  request,
}) => {
  // The development-only page that minted tokens for any identity is gone from the build.
  expect((await request.get('/dev/call')).status()).toBe(404);
  expect((await request.post('/dev/call/token?userId=8:acs:x')).status()).toBe(404);

  const organizer = await createStaff('Guarded Organizer');
  const meeting = await createMeeting(organizer, 'Guarded', 1);
  const hostToken = `/api/meetings/${encodeURIComponent(meeting.id)}/host-token`;
  // Without a staff session: no host token.
  expect((await request.post(hostToken)).status()).toBe(401);

  // Another employee, signed in, gets no token for a meeting Graph does not show them.
  const colleague = await createStaff('Curious Colleague');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signInAsStaff(page, colleague);
    const refused = await page.request.post(hostToken);
    expect(refused.status()).toBe(404);
    expect(await refused.text()).not.toContain('token"');
    // The host page says so too, and starts no call.
    await page.goto(`/portal/meetings/${encodeURIComponent(meeting.id)}/call`);
    await expect(page.getByRole('heading', { name: 'You can’t join this meeting as host' })).toBeVisible();
    await expect(page.getByTestId('lobby-panel')).toHaveCount(0);
  } finally {
    await context.close();
  }

  // The organizer does get one, for themselves (a Teams user) only.
  const own = await browser.newContext();
  try {
    const page = await own.newPage();
    await signInAsStaff(page, organizer);
    const granted = await page.request.post(hostToken);
    expect(granted.status()).toBe(200);
    const body = (await granted.json()) as { token?: string; expiresOn?: string };
    expect(typeof body.token).toBe('string');
    expect(new Date(body.expiresOn!).getTime()).toBeGreaterThan(Date.now());
  } finally {
    await own.close();
  }
});
