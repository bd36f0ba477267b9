import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callPage, invite, join, joinGuest, openGuest, openHostCall, type Participant } from './support/call';
import { admin, createMeeting, createStaff } from './support/emulator';

// Raised hands, reactions and the recording notice in one local meeting (issue #16, items 2 and 3):
// a host and two guests in real Chromium, through the unmodified CallComposite on the local adapter
// and the emulator's calling service. What each person would notice is asserted on screen: the
// People pane's "Hand raised" entry a screen reader reads, the reaction drawn on the sender's tile,
// the composite's recording notice.
test.describe.configure({ timeout: 180_000 });

const SLOW = { timeout: 30_000 };

/** Join now with the camera off: the journey is about interactions, and three cameras cost CPU. */
async function joinWithoutCamera(p: Participant): Promise<void> {
  await p.page.getByRole('button', { name: 'Camera on' }).click();
  await expect(p.page.getByRole('button', { name: 'Camera off' })).toHaveAttribute('aria-pressed', 'false');
  await joinGuest(p);
  await expect.poll(() => callPage(p), SLOW).toBe('call');
}

/** The People pane's entry for `name`, as a screen reader announces it (its aria-label). */
function peopleEntry(page: Page, name: string) {
  return page.locator('[data-ui-id="participant-item"]').filter({ hasText: name });
}

async function openPeople(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'People' }).click();
}

/**
 * Starts noting, in the page, the name on every tile that shows `sprite` (a reaction drawn over a
 * participant's tile). A reaction shows for about four seconds: a poll from the test on a busy machine
 * could miss it, so the page looks four times a second by itself (each look reads the style of every
 * element on the page: more often starves a busy machine's call of CPU).
 */
function watchReactions(page: Page, sprite: string): Promise<void> {
  return page.evaluate((url) => {
    const seen = new Set<string>();
    (window as unknown as { __reactionsSeen: Set<string> }).__reactionsSeen = seen;
    setInterval(() => {
      for (const el of document.querySelectorAll('div')) {
        if (!getComputedStyle(el).backgroundImage.includes(url)) continue;
        if (el.closest('[role="list"]')) continue; // the reaction menu's own buttons
        let tile: Element | null = el;
        while (tile && !tile.querySelector('[data-ui-id="video-tile-display-name"]')) tile = tile.parentElement;
        const name = tile?.querySelector('[data-ui-id="video-tile-display-name"]')?.textContent;
        if (name) seen.add(name);
      }
    }, 250);
  }, sprite);
}

function reactionsSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __reactionsSeen: Set<string> }).__reactionsSeen]);
}

test('a host and two guests see a raised hand and a reaction; a guest is told when recording starts and stops', async ({
  browser,
}) => {
  const organizer = await createStaff('Interactions Host');
  const meeting = await createMeeting(organizer, 'Show of hands', 1, { lobbyBypassScope: 'everyone' });
  const [aliceShare, bobShare] = await invite(browser, organizer, meeting.id, [
    { name: 'Alice Guest' },
    { name: 'Bob Guest' },
  ]);
  const host = await openHostCall(browser, organizer, meeting);
  const alice = await openGuest(browser, aliceShare!, 'Alice Guest');
  const bob = await openGuest(browser, bobShare!, 'Bob Guest');
  try {
    await join(host);
    await expect.poll(() => callPage(host), SLOW).toBe('call');
    await joinWithoutCamera(alice);
    await joinWithoutCamera(bob);

    // Alice raises her hand: the host and Bob find it in the People pane, first in the queue.
    await alice.page.getByRole('button', { name: /^Raise/ }).click();
    await expect(alice.page.getByRole('button', { name: /^Lower/ })).toBeVisible();
    for (const observer of [host, bob]) {
      await openPeople(observer.page);
      await expect(peopleEntry(observer.page, 'Alice Guest')).toHaveAttribute(
        'aria-label',
        /Hand raised - Position 1/,
        SLOW,
      );
      await expect(peopleEntry(observer.page, 'Bob Guest')).not.toHaveAttribute('aria-label', /Hand raised/);
    }

    // Bob sends a heart: it shows over Bob's tile for the host and for Alice.
    await Promise.all([host, alice].map((observer) => watchReactions(observer.page, '/reactions/heart.svg')));
    await bob.page.getByRole('button', { name: 'React' }).click();
    await bob.page.getByRole('button', { name: 'Love' }).click();
    for (const observer of [host, alice]) {
      await expect.poll(() => reactionsSeen(observer.page), SLOW).toEqual(['Bob Guest']);
    }

    // The meeting is recorded (a Teams user pressed record; here the emulator's admin API): Alice is told.
    const recording = `/meetings/${encodeURIComponent(meeting.id)}/recording`;
    await admin(recording, {});
    await expect(alice.page.getByText('Recording has started.')).toBeVisible(SLOW);
    await expect(alice.page.getByRole('alert').filter({ hasText: 'Recording has started.' })).toBeVisible();
    await admin(recording, undefined, 'DELETE');
    await expect(alice.page.getByText('Recording is being saved.')).toBeVisible(SLOW);
    await expect(alice.page.getByText('Recording has started.')).toBeHidden();
  } finally {
    await Promise.all([host.context.close(), alice.context.close(), bob.context.close()]);
  }
});
