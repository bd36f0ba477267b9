import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { signInAsStaff, type StaffUser } from './emulator';

export interface PeerStats {
  participantId: string;
  connectionState: string;
  audioBytesReceived: number;
  videoFramesDecoded: number;
  screenFramesDecoded: number;
}

interface DebugHook {
  state: {
    page: string;
    call?: { remoteParticipants: Record<string, { displayName?: string; isMuted: boolean; state: string }> };
  };
  stats: () => Promise<Record<string, PeerStats>>;
}

export interface Participant {
  context: BrowserContext;
  page: Page;
  name: string;
}

const devCallUrl = (link: string, name: string, as: 'guest' | 'host') =>
  `/dev/call?${new URLSearchParams({ link, name, as }).toString()}`;

/** A person in their own browser context (own cookies, own fake camera), on the call's configuration page. */
export async function openCall(
  browser: Browser,
  link: string,
  name: string,
  options: { as?: 'guest' | 'host'; staff?: StaffUser } = {},
): Promise<Participant> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  if (options.as === 'host' && options.staff) await signInAsStaff(page, options.staff);
  await page.goto(devCallUrl(link, name, options.as ?? 'guest'));
  await expect(startButton(page)).toBeEnabled({ timeout: 30_000 });
  return { context, page, name };
}

export const startButton = (page: Page) => page.getByRole('button', { name: /start call|join call/i });

export async function join(p: Participant): Promise<void> {
  await startButton(p.page).click();
}

/** The adapter's page ('configuration', 'lobby', 'call', 'leftCall', …) as the composite sees it. */
export function callPage(p: Participant): Promise<string | undefined> {
  return p.page.evaluate(() => (window as unknown as { __vestibuleCall?: DebugHook }).__vestibuleCall?.state.page);
}

/** Media counters towards every remote peer, from RTCPeerConnection.getStats(). */
export function peerStats(p: Participant): Promise<Record<string, PeerStats>> {
  return p.page.evaluate(async () => {
    const hook = (window as unknown as { __vestibuleCall?: DebugHook }).__vestibuleCall;
    return hook ? hook.stats() : {};
  });
}

export async function totals(p: Participant): Promise<{ audio: number; video: number; screen: number }> {
  const stats = Object.values(await peerStats(p));
  return {
    audio: stats.reduce((n, s) => n + s.audioBytesReceived, 0),
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
