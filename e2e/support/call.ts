import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { APP_URL } from '../../playwright.config';
import { signInAsStaff, type StaffUser } from './emulator';

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

/**
 * Guests still join through the development-only call page (a guest identity minted without an
 * invitation) until the guest pre-join exists; hosts join through the real "Join as host" page.
 */
const devCallUrl = (link: string, name: string) => `/dev/call?${new URLSearchParams({ link, name, as: 'guest' }).toString()}`;

/** A guest in their own browser context (own cookies, own fake camera), on the call's configuration page. */
export async function openCall(browser: Browser, link: string, name: string): Promise<Participant> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(devCallUrl(link, name));
  await expect(startButton(page)).toBeEnabled({ timeout: 30_000 });
  return { context, page, name };
}

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
 * gesture, so this page is only ever driven through the DevTools protocol without one (as a page that
 * joins by itself would be) until the test clicks. Returns once the join was clicked.
 */
export async function joinAsListenerWithoutGesture(browser: Browser, link: string, name: string): Promise<Participant> {
  const context = await browser.newContext({ baseURL: APP_URL });
  await context.addInitScript(() => {
    // Only secure contexts have mediaDevices (not the initial about:blank).
    if (navigator.mediaDevices)
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  const page = await context.newPage();
  await page.goto(devCallUrl(link, name));
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
  const findStart = `[...document.querySelectorAll('button')].find((b) => /start call|join call/i.test(b.textContent ?? ''))`;
  await expect
    .poll(
      () =>
        evaluate(
          `(() => { const b = ${findStart}; return !!b && !b.disabled && b.getAttribute('aria-disabled') !== 'true'; })()`,
        ),
      { timeout: 60_000 },
    )
    .toBe(true);
  await evaluate(`${findStart}.click()`);
  await cdp.detach();
  return { context, page, name };
}
