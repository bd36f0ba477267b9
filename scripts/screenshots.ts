/**
 * npm run screenshots — the README's pictures of the guest journey, taken in real Chromium (fake
 * camera and microphone) against the local emulator with its seed: Adele signs in, shares a meeting,
 * the guest reads the mails at the emulator's mailbox, signs in with the code, and goes on to the
 * pre-join, the lobby and a call; Adele sees the guest's status. Then the host's lobby: Adele joins
 * as host and sees Grace marked verified, a stranger with only the Teams link marked "Not invited
 * through Vestibule", admits Grace, revokes her while she is in the call, and her client is removed.
 *
 *   npm run screenshots                      # starts its own emulator (fresh seed) and app on free ports
 *   npm run screenshots -- --app-url http://localhost:3000 --emulator-url http://localhost:4010
 *                                            # against a running `npm run dev` (local mode)
 *   npm run screenshots -- --languages       # the guest journey in German and French (lang-*.png)
 *   npm run screenshots -- --phone           # the journey at 360 px (phone-*.png)
 *
 * The app it starts is the production build when there is one (`npm run build`), else `next dev`.
 * Over 400 lines on purpose: the three picture sets share the servers, browser contexts and steps
 * below; a fourth set would be the moment to split them into modules.
 *
 * PNGs (1280×800) go to public/docs/. A step whose page is not built yet is reported and skipped,
 * so the script can run while the guest's pre-join and call pages are still being written; what it
 * expects of them is their contract: a textbox "Your name" and a button "Join now".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CommunicationIdentityClient } from '@azure/communication-identity';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '@/e2e/support/chromium';
import { connectAndJoin, type CallClient } from '@/emulator/calling/client';
import { DEV_ONLY_ACS_ACCESS_KEY } from '@/emulator/constants';
import { startEmulator } from '@/emulator/index';
import { freePort, waitForHttp } from './processes.mjs';

const OUT_DIR = path.join(process.cwd(), 'public', 'docs');
const VIEWPORT = { width: 1280, height: 800 };
const STAFF = { upn: 'adele@contoso.test', password: 'Passw0rd!dev' };
// Seeded meetings of Adele's (emulator/store/seed.ts): one with the default lobby, one everyone bypasses.
const LOBBY_MEETING = 'Customer onboarding call';
const OPEN_MEETING = 'Open office hours';
const APP_LOG = path.join(tmpdir(), 'vestibule-screenshots-app.log');
/** Pages not built yet are given this long to show up before their shot is skipped. */
const OPTIONAL_STEP_MS = 20_000;

interface Mail {
  subject: string;
  text: string;
  links: string[];
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The emulator and the app: given by URL, or started here on free ports and stopped at the end. */
async function servers(): Promise<{ appUrl: string; emulatorUrl: string; fresh: boolean; stop: () => Promise<void> }> {
  const appUrl = option('app-url');
  const emulatorUrl = option('emulator-url');
  if (appUrl && emulatorUrl) return { appUrl, emulatorUrl, fresh: false, stop: () => Promise.resolve() };

  const dir = mkdtempSync(path.join(tmpdir(), 'vestibule-screenshots-'));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const emu = await startEmulator({
    port: 0,
    smtpPort: 0,
    dataDir: path.join(dir, 'emulator'),
    quiet: true,
    appOrigins: [url],
  });
  const built = existsSync(path.join('.next', 'BUILD_ID'));
  console.log(`Starting the app (${built ? 'production build' : 'next dev'}) on ${url} …`);
  const app: ChildProcess = spawn('npx', ['next', built ? 'start' : 'dev', '--port', String(port)], {
    env: {
      ...process.env,
      VESTIBULE_CLOUD: 'local',
      APP_URL: url,
      DATA_DIR: path.join(dir, 'app'),
      EMULATOR_URL: emu.url,
      EMULATOR_SMTP_PORT: String(emu.smtpPort),
      LOG_LEVEL: 'warn',
    },
    // The app's own output goes to a file: shown only when something fails.
    stdio: ['ignore', openSync(APP_LOG, 'w'), openSync(APP_LOG, 'a')],
    // Its own process group: npx → next → next-server, all stopped together at the end.
    detached: true,
  });
  const stop = async () => {
    if (app.pid) process.kill(-app.pid, 'SIGTERM');
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // `next dev` compiles the route on the first request, which takes minutes on a busy machine.
    await waitForHttp(`${url}/api/health`, built ? 60_000 : 600_000, { acceptAnyStatus: true });
  } catch (error) {
    console.error(`The app did not answer; its output is in ${APP_LOG}.`);
    await stop();
    throw error;
  }
  return { appUrl: url, emulatorUrl: emu.url, fresh: true, stop };
}

/**
 * Opens a page and waits until its scripts have run: a click before React hydrates does nothing, and
 * `next dev` compiles each page on its first visit.
 */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
}

async function shoot(page: Page, name: string, taken: string[]): Promise<void> {
  const file = path.join(OUT_DIR, `${name}.png`);
  // Let fonts and transitions settle; caret blinking would make every run differ.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file, caret: 'hide', animations: 'disabled' });
  taken.push(`${name}.png (${Math.round(statSync(file).size / 1024)} KB)`);
  console.log(`  ✓ ${name}.png`);
}

async function mailsTo(emulatorUrl: string, to: string, count: number): Promise<Mail[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${emulatorUrl}/mailbox/messages?to=${encodeURIComponent(to)}`);
    const mails = ((await res.json()) as { value: Mail[] }).value;
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`no mail ${count} for ${to} within 30 s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A context like a person's browser: the window size of the pictures, camera and microphone allowed. */
async function personContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    permissions: ['camera', 'microphone'],
    colorScheme: 'light',
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
  });
  // `next dev` compiles a page on its first visit, which can take a while on a busy machine.
  context.setDefaultTimeout(90_000);
  // `next dev` draws its indicator over the page; it is not part of Vestibule.
  await context.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = 'nextjs-portal { display: none !important; }';
      document.head.append(style);
    });
  });
  return context;
}

async function visible(locator: Locator, ms = OPTIONAL_STEP_MS) {
  return locator
    .first()
    .waitFor({ state: 'visible', timeout: ms })
    .then(() => true)
    .catch(() => false);
}

/**
 * Whether the call composite reaches `wanted` ('lobby', 'call'), read from the local adapter's
 * debug hook (`window.__vestibuleCall`, local mode only), as the journeys do.
 */
async function callPageReaches(page: Page, wanted: string, ms = 60_000): Promise<boolean> {
  return page
    .waitForFunction(
      (expected) =>
        (window as unknown as { __vestibuleCall?: { state: { page: string } } }).__vestibuleCall?.state.page ===
        expected,
      wanted,
      { timeout: ms },
    )
    .then(() => true)
    .catch(() => false);
}

/** Pre-join → "Join now"; true once the guest is past the pre-join. */
async function prejoinAndJoin(page: Page, name: string, shot: string | undefined, taken: string[], skipped: string[]) {
  const nameBox = page.getByRole('textbox', { name: 'Your name' });
  if (!(await visible(nameBox))) {
    skipped.push(`${shot ?? 'pre-join'}: no "Your name" textbox yet (the pre-join is not built on this branch)`);
    return false;
  }
  await nameBox.fill(name);
  const joinNow = page.getByRole('button', { name: 'Join now' });
  // Enabled once the devices are ready; the camera preview takes a moment more to show a picture.
  for (const deadline = Date.now() + 60_000; !(await joinNow.isEnabled().catch(() => false));) {
    if (Date.now() > deadline) throw new Error('"Join now" never became enabled');
    await page.waitForTimeout(250);
  }
  await page.waitForTimeout(2_000);
  if (shot) await shoot(page, shot, taken);
  await joinNow.click();
  return true;
}

/**
 * A stranger who has only the Teams link and an ACS identity of their own (not one Vestibule issued):
 * joins through the calling protocol from Node, as someone with their own ACS resource could.
 */
async function strangerKnocks(emulatorUrl: string, joinUrl: string): Promise<CallClient> {
  const identity = new CommunicationIdentityClient(`endpoint=${emulatorUrl}/;accesskey=${DEV_ONLY_ACS_ACCESS_KEY}`, {
    allowInsecureConnection: true,
  });
  const { token } = await identity.createUserAndToken(['voip']);
  const { client, first } = await connectAndJoin(`${emulatorUrl.replace(/^http/, 'ws')}/calling`, {
    token,
    meeting: { joinUrl },
    displayName: 'Mallory Outsider',
    state: { muted: true, cameraOn: false },
  });
  if (first.type !== 'joined') throw new Error(`the stranger could not knock: ${JSON.stringify(first)}`);
  // The service closes silent sockets after 30 s; the browser adapter pings every 10 s, so does this.
  const ping = setInterval(() => client.send({ type: 'ping' }), 10_000);
  void client.closed.then(() => clearInterval(ping));
  return client;
}

/**
 * The host's lobby (README "Try the host's lobby by hand"): Grace waits in the lobby meeting; Adele
 * joins as host, sees her verified and a stranger not invited through Vestibule, admits Grace, then
 * revokes her invitation while she is in the call and her host client removes her.
 */
async function hostLobby(input: {
  staffContext: BrowserContext;
  staff: Page;
  guest: Page;
  meetingPage: string;
  emulatorUrl: string;
  guestEmail: string;
  taken: string[];
  skipped: string[];
}): Promise<void> {
  const { staffContext, staff, guest, meetingPage, emulatorUrl, guestEmail, taken, skipped } = input;
  if (!(await callPageReaches(guest, 'lobby', 5_000))) {
    skipped.push('13–18 host lobby: the guest is not waiting in the lobby');
    return;
  }
  const host = await staffContext.newPage();
  await open(host, meetingPage);
  await host.getByRole('link', { name: 'Join as host' }).click();
  const start = host.getByRole('button', { name: /start call|join call/i });
  await start.waitFor({ timeout: 120_000 });
  await host.waitForTimeout(2_000);
  await shoot(host, '13-host-join', taken);
  await start.click();
  const lobby = host.getByTestId('lobby-panel');
  await lobby.getByText(`Verified: ${guestEmail}`).waitFor();
  await host.waitForTimeout(1_000);
  await shoot(host, '14-host-lobby-verified', taken);

  const meetingId = decodeURIComponent(new URL(meetingPage).pathname.split('/').pop()!);
  const meeting = (await (await staff.request.get(`/api/meetings/${encodeURIComponent(meetingId)}`)).json()) as {
    joinWebUrl: string;
  };
  const stranger = await strangerKnocks(emulatorUrl, meeting.joinWebUrl);
  try {
    await lobby.getByText('Not invited through Vestibule').waitFor();
    await host.waitForTimeout(1_000);
    await shoot(host, '15-host-lobby-stranger', taken);

    await lobby.getByRole('button', { name: 'Admit Grace Hopper (External)', exact: true }).click();
    await callPageReaches(guest, 'call');
    await host.waitForTimeout(3_000);
    await shoot(host, '16-host-admitted', taken);

    await open(staff, meetingPage);
    const row = staff.getByTestId(`share-${guestEmail}`);
    await row.getByRole('button', { name: `Revoke invitation of ${guestEmail}` }).click();
    await staff.getByRole('button', { name: 'Yes, revoke' }).click();
    await row.getByText('Removed from the meeting').waitFor({ timeout: 60_000 });
    await row.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await shoot(staff, '17-staff-revoked-removed', taken);
    await guest.getByTestId('call-ended').waitFor();
    await shoot(guest, '18-guest-removed', taken);
  } finally {
    stranger.close();
    await host.close();
  }
}

/**
 * Staff sign-in on the emulator's Entra-like page, from the portal; `beforeSubmit` may take a
 * picture of the filled form.
 */
async function signInStaff(staff: Page, beforeSubmit?: () => Promise<void>): Promise<void> {
  await open(staff, '/portal');
  await staff.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await staff
    .getByLabel(/e-?mail|user/i)
    .first()
    .fill(STAFF.upn);
  await staff.getByLabel(/password/i).fill(STAFF.password);
  await beforeSubmit?.();
  await staff.getByRole('button', { name: /sign in/i }).click();
}

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  const { appUrl, emulatorUrl, fresh, stop } = await servers();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const taken: string[] = [];
  const skipped: string[] = [];
  // A running dev setup may already have invited Grace: then a fresh address keeps the story the same.
  const guestEmail = fresh ? 'grace.hopper@fabrikam.example' : `grace.${Date.now().toString(36)}@fabrikam.example`;
  try {
    console.log(`Taking screenshots against ${appUrl} (emulator ${emulatorUrl}) into public/docs/`);

    // Staff: sign in on the emulator's Entra-like page, see the meetings, share one.
    const staffContext = await personContext(browser, appUrl);
    const staff = await staffContext.newPage();
    await signInStaff(staff, () => shoot(staff, '01-staff-sign-in', taken));
    await staff.getByRole('heading', { name: 'Your Teams meetings' }).waitFor();
    await staff.getByText(LOBBY_MEETING).first().waitFor();
    await shoot(staff, '02-staff-meetings', taken);

    const share = async (subject: string, message?: string) => {
      await open(staff, '/portal');
      await staff.getByRole('link', { name: `Share ${subject}` }).click();
      await staff.getByRole('heading', { level: 1, name: subject }).waitFor();
      await staff.getByLabel('Guest 1 e-mail').fill(guestEmail);
      await staff.getByLabel('Guest 1 name (optional)').fill('Grace Hopper');
      if (message) await staff.getByLabel('Personal message (optional)').fill(message);
    };
    await share(LOBBY_MEETING, 'Looking forward to talking through the onboarding plan.');
    await shoot(staff, '03-staff-invite', taken);
    await staff.getByRole('button', { name: 'Send invitations' }).click();
    await staff.getByTestId(`share-${guestEmail}`).getByText('Delivered').waitFor();
    const meetingPage = staff.url();

    // Guest: the invitation e-mail in the emulator's mailbox.
    const guestContext = await personContext(browser, appUrl);
    const guest = await guestContext.newPage();
    const [invitation] = await mailsTo(emulatorUrl, guestEmail, 1);
    const joinLink = invitation!.links.find((l) => l.includes('/join/'))!;
    await open(guest, `${emulatorUrl}/mailbox?to=${encodeURIComponent(guestEmail)}`);
    await shoot(guest, '04-guest-invitation-mail', taken);

    // The invitation page → Join → the invited address → the sign-in mail → the code.
    await open(guest, joinLink);
    await guest.getByRole('button', { name: 'Join', exact: true }).waitFor();
    await shoot(guest, '05-guest-invitation-page', taken);
    await guest.getByRole('button', { name: 'Join', exact: true }).click();
    await guest.getByLabel('Your e-mail address', { exact: true }).fill(guestEmail);
    await shoot(guest, '06-guest-confirm-address', taken);
    await guest.getByRole('button', { name: 'Send sign-in e-mail' }).click();
    await guest.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    const signIn = (await mailsTo(emulatorUrl, guestEmail, 2)).find((m) => m.links.some((l) => l.includes('/sign-in')));
    const code = /enter this code on the sign-in page: (\d{6})/.exec(signIn?.text ?? '')?.[1];
    if (!code) throw new Error('the sign-in mail has no 6-digit code');
    const mailbox = await guestContext.newPage();
    await open(mailbox, `${emulatorUrl}/mailbox?to=${encodeURIComponent(guestEmail)}`);
    await shoot(mailbox, '07-guest-sign-in-mail', taken);
    await mailbox.close();
    await guest.getByLabel('Sign-in code', { exact: true }).fill(code);
    await shoot(guest, '08-guest-enter-code', taken);
    await guest.getByRole('button', { name: 'Sign in', exact: true }).click();
    await guest
      .getByText(`Signed in as ${guestEmail}`)
      .or(guest.getByRole('textbox', { name: 'Your name' }))
      .first()
      .waitFor();

    // Pre-join, then the lobby of a meeting whose guests wait to be let in.
    if (await prejoinAndJoin(guest, 'Grace Hopper', '09-guest-prejoin', taken, skipped)) {
      if (await callPageReaches(guest, 'lobby')) {
        await guest.waitForTimeout(1_500);
        await shoot(guest, '10-guest-lobby', taken);
      } else skipped.push('10-guest-lobby: the call never showed its lobby after "Join now"');
    } else {
      await shoot(guest, '09-guest-signed-in', taken);
    }

    // Staff: the guest's status on the meeting page.
    await open(staff, meetingPage);
    const row = staff.getByTestId(`share-${guestEmail}`);
    await row.waitFor();
    // The page follows guests' status as it changes; give the guest's "in lobby" report time to show.
    await visible(row.getByText('In lobby'));
    // The guests' table is below the invitation form: the picture is about the row.
    await row.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await shoot(staff, '11-staff-guest-status', taken);

    await hostLobby({ staffContext, staff, guest, meetingPage, emulatorUrl, guestEmail, taken, skipped });

    // A meeting everyone may bypass the lobby of: the same guest, already signed in, goes straight in.
    await share(OPEN_MEETING);
    await staff.getByRole('button', { name: 'Send invitations' }).click();
    await staff.getByTestId(`share-${guestEmail}`).getByText('Delivered').waitFor();
    const second = (await mailsTo(emulatorUrl, guestEmail, 3)).find((m) => m.subject.includes(OPEN_MEETING));
    await open(
      guest,
      second!.links.find((l) => l.includes('/join/'))!,
    );
    if (await prejoinAndJoin(guest, 'Grace Hopper', undefined, taken, skipped)) {
      if (await callPageReaches(guest, 'call')) {
        await guest.waitForTimeout(2_000);
        await shoot(guest, '12-guest-in-call', taken);
      } else skipped.push('12-guest-in-call: the call never started after "Join now"');
    }
    await Promise.all([staffContext.close(), guestContext.close()]);
  } catch (error) {
    // What each open page showed when a step failed, to see why without rerunning.
    const pages = browser.contexts().flatMap((c) => c.pages());
    for (const [i, page] of pages.entries()) {
      const file = path.join(tmpdir(), `vestibule-screenshots-failure-${i}.png`);
      await page.screenshot({ path: file }).catch(() => undefined);
      console.error(`page ${i} (${page.url()}) → ${file}`);
    }
    throw error;
  } finally {
    await browser.close();
    await stop();
  }
  console.log(`\nTaken: ${taken.length}\n  ${taken.join('\n  ')}`);
  if (skipped.length) console.log(`Skipped: ${skipped.length}\n  ${skipped.join('\n  ')}`);
}

/**
 * `npm run screenshots -- --languages`: the guest journey in German (the language Adele chooses for
 * the guest in the invite form: mail, invitation page, pre-join, lobby with the composite's own German)
 * and in French (a guest whose browser is French, invited with no language chosen: the pages follow
 * the browser). PNGs `lang-de-*.png` and `lang-fr-*.png` in public/docs/.
 */
async function languageScreenshots() {
  mkdirSync(OUT_DIR, { recursive: true });
  const { appUrl, emulatorUrl, stop } = await servers();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const taken: string[] = [];
  const skipped: string[] = [];
  const stamp = Date.now().toString(36);
  const guests = { de: `jana.${stamp}@fabrikam.example`, fr: `remy.${stamp}@fabrikam.example` };
  try {
    const staffContext = await personContext(browser, appUrl);
    const staff = await staffContext.newPage();
    await signInStaff(staff);
    await staff.getByRole('heading', { name: 'Your Teams meetings' }).waitFor();
    await staff.getByRole('link', { name: `Share ${LOBBY_MEETING}` }).click();
    await staff.getByRole('heading', { level: 1, name: LOBBY_MEETING }).waitFor();
    await staff.getByLabel('Guest 1 e-mail').fill(guests.de);
    await staff.getByLabel('Guest 1 name (optional)').fill('Jana Schmidt');
    await staff.getByLabel('Guest 1 language').selectOption('de');
    await staff.getByRole('button', { name: 'Add another guest' }).click();
    await staff.getByLabel('Guest 2 e-mail').fill(guests.fr);
    await staff.getByLabel('Guest 2 name (optional)').fill('Rémy Martin');
    await shoot(staff, 'lang-00-staff-invite-language', taken);
    await staff.getByRole('button', { name: 'Send invitations' }).click();
    await staff.getByTestId(`share-${guests.de}`).getByText('Delivered').waitFor();

    for (const [lang, locale, email, name] of [
      ['de', 'de-DE', guests.de, 'Jana Schmidt'],
      ['fr', 'fr-FR', guests.fr, 'Rémy Martin'],
    ] as const) {
      const context = await browser.newContext({
        baseURL: appUrl,
        viewport: VIEWPORT,
        deviceScaleFactor: 1,
        permissions: ['camera', 'microphone'],
        colorScheme: 'light',
        locale,
        timezoneId: 'Europe/Berlin',
      });
      context.setDefaultTimeout(90_000);
      const guest = await context.newPage();
      const [invitation] = await mailsTo(emulatorUrl, email, 1);
      await open(guest, `${emulatorUrl}/mailbox?to=${encodeURIComponent(email)}`);
      await shoot(guest, `lang-${lang}-01-invitation-mail`, taken);
      await open(
        guest,
        invitation!.links.find((l) => l.includes('/join/'))!,
      );
      await shoot(guest, `lang-${lang}-02-invitation-page`, taken);
      // The sign-in's words differ per language; the fields are found by their type instead.
      await guest.locator('main button.button:not(.button--secondary)').first().click();
      await guest.locator('input[type="email"]').fill(email);
      await guest.locator('form button[type="submit"]').click();
      const signIn = (await mailsTo(emulatorUrl, email, 2)).find((m) => m.links.some((l) => l.includes('/sign-in')));
      const code = /: (\d{6})$/m.exec(signIn?.text ?? '')?.[1];
      if (!code) throw new Error(`the ${lang} sign-in mail has no 6-digit code`);
      await guest.locator('input[autocomplete="one-time-code"]').fill(code);
      await shoot(guest, `lang-${lang}-03-enter-code`, taken);
      await guest.locator('form button[type="submit"]').click();
      const nameBox = guest.locator('#prejoin-name');
      await nameBox.waitFor();
      await nameBox.fill(name);
      await guest.waitForTimeout(3_000);
      await shoot(guest, `lang-${lang}-04-prejoin`, taken);
      await guest.locator('form button[type="submit"]').click();
      if (await callPageReaches(guest, 'lobby')) {
        await guest.waitForTimeout(1_500);
        await shoot(guest, `lang-${lang}-05-lobby`, taken);
      } else skipped.push(`lang-${lang}-05-lobby: the call never showed its lobby`);
      await context.close();
    }
    await staffContext.close();
  } finally {
    await browser.close();
    await stop();
  }
  console.log(`\nTaken: ${taken.length}\n  ${taken.join('\n  ')}`);
  if (skipped.length) console.log(`Skipped: ${skipped.length}\n  ${skipped.join('\n  ')}`);
}

/**
 * npm run screenshots -- --phone: the same journey at phone size (360×740, touch, 2× pixels), into
 * public/docs/phone-*.png — the staff list and meeting page, the guest's invitation, pre-join, lobby
 * and call. The desktop pictures above are left as they are.
 */
async function phoneScreenshots() {
  mkdirSync(OUT_DIR, { recursive: true });
  const { appUrl, emulatorUrl, fresh, stop } = await servers();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const taken: string[] = [];
  const skipped: string[] = [];
  const guestEmail = fresh ? 'grace.hopper@fabrikam.example' : `grace.${Date.now().toString(36)}@fabrikam.example`;
  const phone = async () => {
    const context = await browser.newContext({
      baseURL: appUrl,
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      permissions: ['camera', 'microphone'],
      colorScheme: 'light',
      locale: 'en-US',
      timezoneId: 'Europe/Berlin',
    });
    context.setDefaultTimeout(90_000);
    return context;
  };
  try {
    console.log(`Taking phone-size screenshots against ${appUrl} (emulator ${emulatorUrl}) into public/docs/`);
    const staff = await (await phone()).newPage();
    await signInStaff(staff);
    await staff.getByText(LOBBY_MEETING).first().waitFor();
    await staff.getByRole('button', { name: 'Menu' }).click();
    await shoot(staff, 'phone-1-staff-meetings', taken);

    const invite = async (subject: string) => {
      await open(staff, '/portal');
      await staff.getByRole('link', { name: `Share ${subject}` }).click();
      await staff.getByRole('heading', { level: 1, name: subject }).waitFor();
      await staff.getByLabel('Guest 1 e-mail').fill(guestEmail);
      await staff.getByLabel('Guest 1 name (optional)').fill('Grace Hopper');
      await staff.getByRole('button', { name: 'Send invitations' }).click();
      await staff.getByTestId(`share-${guestEmail}`).getByText('Delivered').waitFor();
    };
    await invite(LOBBY_MEETING);
    await staff
      .getByRole('heading', { name: 'Guests', exact: true })
      .evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await shoot(staff, 'phone-2-staff-guests', taken);

    const guest = await (await phone()).newPage();
    const [invitation] = await mailsTo(emulatorUrl, guestEmail, 1);
    await open(
      guest,
      invitation!.links.find((l) => l.includes('/join/'))!,
    );
    await shoot(guest, 'phone-3-guest-invitation', taken);
    await guest.getByRole('button', { name: 'Join', exact: true }).click();
    await guest.getByLabel('Your e-mail address', { exact: true }).fill(guestEmail);
    await guest.getByRole('button', { name: 'Send sign-in e-mail' }).click();
    await guest.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    const signIn = (await mailsTo(emulatorUrl, guestEmail, 2)).find((m) => m.links.some((l) => l.includes('/sign-in')));
    const code = /enter this code on the sign-in page: (\d{6})/.exec(signIn?.text ?? '')?.[1];
    if (!code) throw new Error('the sign-in mail has no 6-digit code');
    await guest.getByLabel('Sign-in code', { exact: true }).fill(code);
    await guest.getByRole('button', { name: 'Sign in', exact: true }).click();
    if (await prejoinAndJoin(guest, 'Grace Hopper', 'phone-4-guest-prejoin', taken, skipped)) {
      if (await callPageReaches(guest, 'lobby')) {
        await guest.waitForTimeout(1_500);
        await shoot(guest, 'phone-5-guest-lobby', taken);
      } else skipped.push('phone-5-guest-lobby: the lobby never showed');
    }

    await invite(OPEN_MEETING);
    const second = (await mailsTo(emulatorUrl, guestEmail, 3)).find((m) => m.subject.includes(OPEN_MEETING));
    await open(
      guest,
      second!.links.find((l) => l.includes('/join/'))!,
    );
    if (await prejoinAndJoin(guest, 'Grace Hopper', undefined, taken, skipped)) {
      if (await callPageReaches(guest, 'call')) {
        await guest.waitForTimeout(2_000);
        await shoot(guest, 'phone-6-guest-in-call', taken);
      } else skipped.push('phone-6-guest-in-call: the call never started');
    }
  } finally {
    await browser.close();
    await stop();
  }
  console.log(`\nTaken: ${taken.length}\n  ${taken.join('\n  ')}`);
  if (skipped.length) console.log(`Skipped: ${skipped.length}\n  ${skipped.join('\n  ')}`);
}

const which = process.argv.includes('--languages')
  ? languageScreenshots
  : process.argv.includes('--phone')
    ? phoneScreenshots
    : main;
which().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
