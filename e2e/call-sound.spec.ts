import { expect, test } from './fixtures';
import {
  callPage,
  expectHearing,
  invite,
  joinAsListenerWithoutGesture,
  joinGuest,
  openGuest,
  peerStats,
} from './support/call';
import type { Participant } from './support/call';
import { createMeeting, createStaff } from './support/emulator';

// Browsers refuse to play sound on a page the user has not interacted with. Trace recording runs
// scripts in every page as if the user had acted (and Chromium then plays sound), so this file
// records no trace: the listener's page must never have had a gesture before the test clicks.
test.use({ trace: 'off' });
test.describe.configure({ timeout: 180_000 });

const SLOW = { timeout: 30_000 };

test('a listener whose browser blocks autoplay is asked to enable sound, and hears the meeting after one click', async ({
  browser,
  browserWithDefaultAutoplay,
}) => {
  const organizer = await createStaff('Sound Organizer');
  const meeting = await createMeeting(organizer, 'Town hall', 1, { lobbyBypassScope: 'everyone' });
  const [speakerShare, listenerShare] = await invite(browser, organizer, meeting.id, [
    { name: 'Sam Speaker' },
    { name: 'Lee Listener' },
  ]);
  const speaker = await openGuest(browser, speakerShare!, 'Sam Speaker');
  let listener: Participant | undefined;
  try {
    await joinGuest(speaker);
    await expect.poll(() => callPage(speaker), SLOW).toBe('call');
    // Chromium's default policy, no microphone, no gesture: the case where it refuses to play.
    listener = await joinAsListenerWithoutGesture(browserWithDefaultAutoplay, listenerShare!, 'Lee Listener');
    // Watched from the speaker's side so the listener's page gets no gesture before it tries to play:
    // once the media connection is up, the listener has the speaker's track and has tried.
    await expect
      .poll(async () => Object.values(await peerStats(speaker)).map((s) => s.connectionState), { timeout: 60_000 })
      .toEqual(['connected']);

    const prompt = listener.page.getByRole('button', { name: 'Click to enable sound' });
    await expect(prompt).toBeVisible(SLOW);
    await expect(prompt).toBeFocused();
    await expect(listener.page.getByRole('alert').filter({ has: prompt })).toContainText('paused');
    expect(
      await listener.page
        .locator('audio[data-vestibule-remote-audio="true"]')
        .evaluateAll((els: HTMLAudioElement[]) => els.map((a) => a.paused)),
    ).toEqual([true]);

    await prompt.click();
    await expect(prompt).toHaveCount(0, SLOW);
    await expectHearing(listener);
  } finally {
    await speaker.context.close();
    await listener?.context.close();
  }
});
