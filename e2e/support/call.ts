import { randomUUID } from 'node:crypto';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { APP_URL, EMULATOR_URL } from '../../playwright.config';
import { signInAsStaff, type Mail, type StaffUser } from './emulator';
import { joinAsGuest, signInGuest } from './guest';

export interface PeerStats {
  participantId: string;
  connectionState: string;
  audioBytesReceived: number;
  /** `totalAudioEnergy` of the inbound audio: rises only with sound played out (a muted sender's frames add nothing). */
  audioEnergy: number;
  videoFramesDecoded: number;
  screenFramesDecoded: number;
}

interface DebugHook {
  state: {
    page: string;
    call?: { remoteParticipants: Record<string, { displayName?: string; isMuted: boolean; state: string }> };
    endedCall?: { callEndReason?: { code: number; subCode?: number } };
  };
  stats: () => Promise<Record<string, PeerStats>>;
}

export interface Participant {
  context: BrowserContext;
  page: Page;
  name: string;
}

/** An invitation as the staff API returns it. */
export interface Share {
  id: string;
  guestEmail: string;
  joinPath: string;
}

/** An address no other journey uses, so mail and sign-ins never mix between tests. */
export const guestEmail = (name: string) =>
  `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${randomUUID().slice(0, 8)}@fabrikam.example`;

/** The staff API, as the portal's own pages call it, with the signed-in employee's cookies. */
export async function inviteGuests(
  staffPage: Page,
  meetingId: string,
  guests: { name: string; email?: string }[],
): Promise<Share[]> {
  const res = await staffPage.request.post(`/api/meetings/${encodeURIComponent(meetingId)}/shares`, {
    data: { guests: guests.map((g) => ({ email: g.email ?? guestEmail(g.name), name: g.name })) },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { shares: Share[] }).shares;
}

/** The organizer signs in (in a context of their own) only to invite guests, as they would from the portal. */
export async function invite(
  browser: Browser,
  organizer: StaffUser,
  meetingId: string,
  guests: { name: string }[],
): Promise<Share[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signInAsStaff(page, organizer);
    return await inviteGuests(page, meetingId, guests);
  } finally {
    await context.close();
  }
}

/**
 * A guest in their own browser context (own cookies, own fake camera), signed in through their
 * invitation's e-mail, on the pre-join.
 */
export async function openGuest(browser: Browser, share: Share, name: string): Promise<Participant> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await signInGuest(page, { joinUrl: share.joinPath, email: share.guestEmail, via: 'link' });
  return { context, page, name };
}

/** Join now from the pre-join, with its choices (camera on where there is one); returns in the lobby or the call. */
export async function joinGuest(p: Participant): Promise<void> {
  await joinAsGuest(p.page, { name: p.name });
}

/** Vestibule's end screen for a guest: its heading says what happened. */
export const endHeading = (page: Page) => page.getByTestId('call-ended').getByRole('heading', { level: 1 });

/**
 * A staff member hosting their meeting as a person does: signs in, opens the meeting's page in the
 * portal and follows "Join as host"; returns on the call's configuration page.
 */
export async function openHostCall(
  browser: Browser,
  staff: StaffUser,
  meeting: { id: string; subject: string },
): Promise<Participant> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await signInAsStaff(page, staff);
  await page.goto(`/portal/meetings/${encodeURIComponent(meeting.id)}`);
  await page.getByRole('link', { name: 'Join as host' }).click();
  await expect(page.getByRole('heading', { level: 1, name: meeting.subject })).toBeVisible();
  await expect(startButton(page)).toBeEnabled({ timeout: 30_000 });
  return { context, page, name: staff.displayName };
}

export const startButton = (page: Page) => page.getByRole('button', { name: /start call|join call/i });

export async function join(p: Participant): Promise<void> {
  await startButton(p.page).click();
}

/** The adapter's page ('configuration', 'lobby', 'call', 'leftCall', …) as the composite sees it. */
export function callPage(p: Participant): Promise<string | undefined> {
  return p.page.evaluate(() => (window as unknown as { __vestibuleCall?: DebugHook }).__vestibuleCall?.state.page);
}

/** How the person's last call ended (code/subCode as ACS reports them), once it has. */
export function endReason(p: Participant): Promise<{ code: number; subCode?: number } | undefined> {
  return p.page.evaluate(
    () => (window as unknown as { __vestibuleCall?: DebugHook }).__vestibuleCall?.state.endedCall?.callEndReason,
  );
}

/** Media counters towards every remote peer, from RTCPeerConnection.getStats(). */
export function peerStats(p: Participant): Promise<Record<string, PeerStats>> {
  return p.page.evaluate(async () => {
    const hook = (window as unknown as { __vestibuleCall?: DebugHook }).__vestibuleCall;
    return hook ? hook.stats() : {};
  });
}

export async function totals(
  p: Participant,
): Promise<{ audio: number; audioEnergy: number; video: number; screen: number }> {
  const stats = Object.values(await peerStats(p));
  return {
    audio: stats.reduce((n, s) => n + s.audioBytesReceived, 0),
    audioEnergy: stats.reduce((n, s) => n + s.audioEnergy, 0),
    video: stats.reduce((n, s) => n + s.videoFramesDecoded, 0),
    screen: stats.reduce((n, s) => n + s.screenFramesDecoded, 0),
  };
}

/** The remote participants this person's adapter knows, by display name → muted/state. */
export function remoteParticipants(p: Participant): Promise<Record<string, { isMuted: boolean; state: string }>> {
  return p.page.evaluate(() => {
    const parts =
      (window as unknown as { __vestibuleCall?: DebugHook }).__vestibuleCall?.state.call?.remoteParticipants ?? {};
    return Object.fromEntries(
      Object.values(parts).map((r) => [r.displayName ?? '?', { isMuted: r.isMuted, state: r.state }]),
    );
  });
}

/** The remote `<audio>` elements the adapter plays (one per peer): paused, and how far they have played. */
function remoteAudio(p: Participant): Promise<{ paused: boolean; currentTime: number }[]> {
  return p.page
    .locator('audio[data-vestibule-remote-audio="true"]')
    .evaluateAll((els: HTMLAudioElement[]) => els.map((a) => ({ paused: a.paused, currentTime: a.currentTime })));
}

/**
 * Proves the person hears the others: the inbound audio's energy rises (sound, not just packets: a
 * muted sender still sends silence) AND a remote `<audio>` element is playing with its time advancing.
 * Polls with room for a busy machine; no fixed sleeps.
 */
export async function expectHearing(p: Participant, timeout = 30_000): Promise<void> {
  const before = await totals(p);
  await expect
    .poll(async () => (await totals(p)).audioEnergy, { timeout, message: `${p.name} receives sound` })
    .toBeGreaterThan(before.audioEnergy);
  await expect
    .poll(async () => (await remoteAudio(p)).some((a) => !a.paused), {
      timeout,
      message: `${p.name}'s remote audio is playing`,
    })
    .toBe(true);
  const start = Math.max(...(await remoteAudio(p)).map((a) => a.currentTime));
  await expect
    .poll(async () => Math.max(...(await remoteAudio(p)).map((a) => a.currentTime)), {
      timeout,
      message: `${p.name}'s remote audio advances`,
    })
    .toBeGreaterThan(start);
}

/**
 * A listener: no microphone or camera (getUserMedia refused, as when the person blocked them), in
 * `browser`, joined WITHOUT a user gesture. Chromium lets a page play sound once it had a gesture or
 * while it captures a microphone or camera; every Playwright click, key press and evaluate counts as a
 * gesture, so this guest signs in through the same routes their pages call (the mailed link's token,
 * sent from outside the page) and the pre-join is only ever driven through the DevTools protocol
 * without a gesture (as a page that joins by itself would be) until the test clicks. The invitation
 * must carry the guest's name, so the pre-join needs no typing. Returns once Join now was pressed.
 */
export async function joinAsListenerWithoutGesture(browser: Browser, share: Share, name: string): Promise<Participant> {
  const context = await browser.newContext({ baseURL: APP_URL });
  await context.addInitScript(() => {
    // Only secure contexts have mediaDevices (not the initial about:blank).
    if (navigator.mediaDevices)
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  const mailbox = async (): Promise<Mail[]> =>
    (
      (await (await fetch(`${EMULATOR_URL}/mailbox/messages?to=${encodeURIComponent(share.guestEmail)}`)).json()) as {
        value: Mail[];
      }
    ).value;
  const seen = new Set((await mailbox()).map((m) => m.id));
  const asked = await context.request.post(`/api/join/${share.id}/sign-in`, { data: { email: share.guestEmail } });
  expect(asked.status()).toBe(202);
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        link = (await mailbox())
          .filter((m) => !seen.has(m.id))
          .flatMap((m) => m.links)
          .find((l) => l.includes('/sign-in?token='));
        return Boolean(link);
      },
      { message: `sign-in mail to ${share.guestEmail}`, timeout: 30_000 },
    )
    .toBe(true);
  const signedIn = await context.request.post(`/api/join/${share.id}/link`, {
    data: { token: new URL(link!).searchParams.get('token') },
  });
  expect(signedIn.status()).toBe(200);

  const page = await context.newPage();
  await page.goto(share.joinPath);
  const cdp = await context.newCDPSession(page);
  const evaluate = async (expression: string): Promise<unknown> => {
    const { result } = (await cdp.send('Runtime.evaluate', {
      expression,
      returnByValue: true,
      userGesture: false,
    })) as {
      result: { value?: unknown };
    };
    return result.value;
  };
  const findJoin = `[...document.querySelectorAll('button')].find((b) => (b.textContent ?? '').trim() === 'Join now')`;
  await expect
    .poll(() => evaluate(`(() => { const b = ${findJoin}; return !!b && !b.disabled; })()`), { timeout: 60_000 })
    .toBe(true);
  await evaluate(`${findJoin}.click()`);
  await cdp.detach();
  return { context, page, name };
}
