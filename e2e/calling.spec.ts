import { CommunicationIdentityClient } from '@azure/communication-identity';
import type { Page } from '@playwright/test';
import { DEV_ONLY_ACS_ACCESS_KEY } from '../emulator/constants';
import { EMULATOR_URL } from '../playwright.config';
import { expect, test } from './fixtures';
import {
  callPage,
  expectHearing,
  join,
  openCall,
  openHostCall,
  remoteParticipants,
  totals,
  type Participant,
} from './support/call';
import { admin, createMeeting, createStaff } from './support/emulator';

// Real Chromium contexts with fake cameras and microphones, through the unmodified CallComposite on
// Vestibule's local WebRTC adapter and the emulator's calling service. Each journey holds several
// browsers at once, so give them time on a 2-core machine: every wait is a poll with room to spare.
test.describe.configure({ timeout: 180_000 });

const SLOW = { timeout: 30_000 };

/** The control bar's camera toggle on the configuration page, then Start call. */
async function joinWithCamera(p: Participant): Promise<void> {
  await p.page.getByRole('button', { name: 'Camera' }).first().click();
  await expect(p.page.locator('video[data-local="true"], [data-local="true"] video').first()).toBeVisible(SLOW);
  await join(p);
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
  const alice = await openCall(browser, meeting.joinWebUrl, 'Alice Guest');
  const bob = await openCall(browser, meeting.joinWebUrl, 'Bob Guest');
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
    await expect(alice.page.getByText('You left the call')).toBeVisible(SLOW);
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
  const gina = await openCall(browser, meeting.joinWebUrl, 'Gina Guest');
  const host = await openHostCall(browser, organizer, meeting);
  const dan = await openCall(browser, meeting.joinWebUrl, 'Dan Denied');
  try {
    await join(gina);
    await expect(gina.page.getByText('Waiting to be admitted')).toBeVisible(SLOW);

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

    await join(dan);
    await expect(lobby).toContainText('Dan Denied', SLOW);
    await lobby.getByRole('button', { name: 'Deny Dan Denied (External)', exact: true }).click();
    await expect(dan.page.getByText('Dismissed from lobby')).toBeVisible(SLOW);
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
  const alice = await openCall(browser, meeting.joinWebUrl, 'Alice Stays');
  const bob = await openCall(browser, meeting.joinWebUrl, 'Bob Drops');
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
    // the composite shows as its left-call page; Alice sees him go once his resume grace is over.
    await admin(`/calls/participants/${bobInCall.id}/drop`, {});
    await expect(bob.page.getByText('You left the call')).toBeVisible({ timeout: 20_000 });
    await expect
      .poll(async () => Object.keys(await remoteParticipants(alice)), { timeout: 60_000 })
      .not.toContain('Bob Drops');
  } finally {
    await alice.context.close();
    await bob.context.close();
  }
});
