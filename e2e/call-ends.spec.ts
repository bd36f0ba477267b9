import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  callPage,
  endHeading,
  inviteGuests,
  invite,
  join,
  joinGuest,
  openGuest,
  openHostCall,
  remoteParticipants,
  type Participant,
} from './support/call';
import { admin, createMeeting, createStaff } from './support/emulator';

// Every way a guest's call ends that the emulator produces, reached through the real flow (guests by
// their invitation, the organizer through "Join as host"), and what the guest then READS: the
// heading and advice of Vestibule's end screen. The lobby timeout is shortened for the e2e emulator
// (EMULATOR_LOBBY_TIMEOUT_MS in playwright.config.ts).
test.describe.configure({ timeout: 180_000 });

const SLOW = { timeout: 30_000 };

/** The end screen's heading and its advice, as the guest reads them. */
async function expectEndScreen(page: Page, heading: string, advice: string | RegExp, timeout = 30_000) {
  await expect(endHeading(page)).toHaveText(heading, { timeout });
  await expect(page.getByTestId('call-ended')).toContainText(advice);
}

async function closeAll(people: Participant[]) {
  await Promise.all(people.map((p) => p.context.close()));
}

test('the host removes a guest from the call and denies another in the lobby: each reads what happened', async ({
  browser,
}) => {
  const organizer = await createStaff('Ends Organizer');
  const meeting = await createMeeting(organizer, 'Ends: host actions', 1, { lobbyBypassScope: 'organization' });
  const host = await openHostCall(browser, organizer, meeting);
  const [ritaShare, danShare] = await inviteGuests(host.page, meeting.id, [
    { name: 'Rita Removed' },
    { name: 'Dan Denied' },
  ]);
  const rita = await openGuest(browser, ritaShare!, 'Rita Removed');
  const dan = await openGuest(browser, danShare!, 'Dan Denied');
  try {
    await join(host);
    await expect.poll(() => callPage(host), SLOW).toBe('call');
    const panel = host.page.getByTestId('lobby-panel');

    await joinGuest(rita);
    await panel.getByRole('button', { name: 'Admit Rita Removed (External)', exact: true }).click();
    await expect.poll(() => callPage(rita), SLOW).toBe('call');
    await panel.getByRole('button', { name: 'Remove Rita Removed (External)', exact: true }).click();
    await expectEndScreen(rita.page, 'You were removed from the meeting', 'Someone in the meeting removed you.');
    await expect.poll(async () => Object.keys(await remoteParticipants(host)), SLOW).toEqual([]);
    await expect(panel.getByRole('button', { name: /^Remove / })).toHaveCount(0);

    await joinGuest(dan);
    await panel.getByRole('button', { name: 'Deny Dan Denied (External)', exact: true }).click();
    await expectEndScreen(
      dan.page,
      'You were not let into the meeting',
      'Someone in the meeting declined your request to join.',
    );
  } finally {
    await closeAll([host, rita, dan]);
  }
});

test('the organizer ends the meeting for everyone: the guest reads that the meeting has ended', async ({ browser }) => {
  const organizer = await createStaff('Closing Organizer');
  const meeting = await createMeeting(organizer, 'Ends: for everyone', 1, { lobbyBypassScope: 'everyone' });
  const host = await openHostCall(browser, organizer, meeting);
  const [eveShare] = await inviteGuests(host.page, meeting.id, [{ name: 'Eve Everyone' }]);
  const eve = await openGuest(browser, eveShare!, 'Eve Everyone');
  try {
    await join(host);
    await expect.poll(() => callPage(host), SLOW).toBe('call');
    await joinGuest(eve);
    await expect.poll(() => callPage(eve), SLOW).toBe('call');

    await host.page.getByRole('button', { name: 'End meeting for everyone' }).click();
    await host.page
      .getByRole('group', { name: 'End the meeting for everyone?' })
      .getByRole('button', { name: 'End meeting' })
      .click();
    await expectEndScreen(eve.page, 'The meeting has ended', 'The organizer ended the meeting for everyone.');
    // Nothing to rejoin: the meeting is over.
    await expect(eve.page.getByRole('button', { name: 'Rejoin' })).toHaveCount(0);
  } finally {
    await closeAll([host, eve]);
  }
});

test('a meeting deleted after the invitation was sent: the guest is told to ask the inviter', async ({ browser }) => {
  const organizer = await createStaff('Deleting Organizer');
  const meeting = await createMeeting(organizer, 'Ends: deleted', 1, { lobbyBypassScope: 'everyone' });
  const [ivyShare] = await invite(browser, organizer, meeting.id, [{ name: 'Ivy Invalid' }]);
  await admin(`/meetings/${encodeURIComponent(meeting.id)}`, undefined, 'DELETE');
  const ivy = await openGuest(browser, ivyShare!, 'Ivy Invalid');
  try {
    // The join ends at once, so not through joinGuest (which waits for the lobby or the call).
    await ivy.page.getByRole('button', { name: 'Join now' }).click();
    await expectEndScreen(ivy.page, 'We couldn’t get you into this meeting', 'Ask the person who invited you');
    await expect(ivy.page.getByRole('button', { name: 'Rejoin' })).toHaveCount(0);
  } finally {
    await closeAll([ivy]);
  }
});

test('nobody admits a guest from the lobby: the lobby lets them go and they read so', async ({ browser }) => {
  const organizer = await createStaff('Absent Organizer');
  const meeting = await createMeeting(organizer, 'Ends: lobby timeout', 1, { lobbyBypassScope: 'organization' });
  const [lenaShare] = await invite(browser, organizer, meeting.id, [{ name: 'Lena Lobby' }]);
  const lena = await openGuest(browser, lenaShare!, 'Lena Lobby');
  try {
    await joinGuest(lena);
    await expect.poll(() => callPage(lena), SLOW).toBe('lobby');
    await expectEndScreen(lena.page, 'Nobody let you in', 'nobody admitted you', 90_000);
    await expect(lena.page.getByRole('button', { name: 'Rejoin' })).toBeVisible();
  } finally {
    await closeAll([lena]);
  }
});

test('a guest whose connection stays lost past the resume grace reads that it was lost', async ({ browser }) => {
  const organizer = await createStaff('Steady Organizer');
  const meeting = await createMeeting(organizer, 'Ends: dropped', 1, { lobbyBypassScope: 'everyone' });
  const [danielShare] = await invite(browser, organizer, meeting.id, [{ name: 'Daniel Dropped' }]);
  const daniel = await openGuest(browser, danielShare!, 'Daniel Dropped');
  try {
    await joinGuest(daniel);
    await expect.poll(() => callPage(daniel), SLOW).toBe('call');
    // From now on the network refuses the calling service: every reconnect is closed as a network
    // failure (1001), while the page itself stays up. Then the socket in use is cut.
    await daniel.page.routeWebSocket(/\/calling/, (ws) => ws.close({ code: 1001, reason: 'network unreachable' }));
    const calls = await admin<{ value: { participants: { id: string; displayName: string }[] }[] }>('/calls');
    const inCall = calls.value.flatMap((c) => c.participants).find((p) => p.displayName === 'Daniel Dropped')!;
    await admin(`/calls/participants/${inCall.id}/drop`, {});
    await expect(daniel.page.getByTestId('call-status')).toContainText(/reconnecting/i, SLOW);
    // The client keeps trying for the resume grace (30 s), then gives up.
    await expectEndScreen(daniel.page, 'Your connection was lost', 'Check your internet connection', 90_000);
    await expect(daniel.page.getByRole('button', { name: 'Rejoin' })).toBeVisible();
  } finally {
    await closeAll([daniel]);
  }
});
