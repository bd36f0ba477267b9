/**
 * Guest sign-in and the guarded token and status services against a real database (SQLite, and
 * PostgreSQL when TEST_POSTGRES_URL is set) and a real emulator: its SMTP mail catcher receives the
 * sign-in mails (read back through its mailbox API) and its ACS Identity service issues the tokens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '@/emulator/index';
import {
  createIdentityClient,
  issueGuestIdentity,
  refreshGuestToken,
  revokeIdentityTokens,
} from '@/lib/server/acs/identity';
import type { ShareTable } from '@/lib/server/db/schema';
import { AppError } from '@/lib/server/errors';
import { sendGuestSignInMail } from '@/lib/server/mail/guest-sign-in';
import { createMailTransport } from '@/lib/server/mail/transport';
import { newShareId } from '@/lib/server/shares/ids';
import { findShare, insertShares } from '@/lib/server/shares/store';
import { testBackends, type TestDb } from '@/lib/server/shares/test-db';
import type { GuestDeps } from './deps';
import { GuestTokenCache } from './token-cache';
import { codeKey } from './secrets';
import { findGuestSession } from './sessions';
import { confirmLink, MAX_CODE_ATTEMPTS, peekLink, requestSignIn, verifyCode, WRONG_CODE } from './sign-in';
import { reportGuestStatus } from './status';
import { issueShareToken } from './token';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
interface Mail {
  subject: string;
  text: string;
  html: string;
  links: string[];
}

const APP_URL = 'http://localhost:3999';
let emu: Emulator;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'vestibule-guests-emu-'));
  emu = await startEmulator({ port: 0, smtpPort: 0, dataDir, quiet: true });
});
afterAll(async () => {
  await emu?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function mailbox(to: string): Promise<Mail[]> {
  const res = await fetch(`${emu.url}/mailbox/messages?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { value: Mail[] }).value;
}

/** The link's token and the code of the newest sign-in mail to this address. */
async function latestMail(
  to: string,
  notToken?: string,
): Promise<{ token: string; code: string; link: string; mail: Mail }> {
  // Newest first; two mails can arrive in the same millisecond, so skip the one already seen.
  for (const mail of await mailbox(to)) {
    const link = mail.links.find((l) => l.includes('/sign-in?token='))!;
    const token = new URL(link).searchParams.get('token')!;
    if (token === notToken) continue;
    // The code ends its line, in every language ("… sign-in page: 042917", "… Anmeldeseite ein: 042917").
    const code = /: (\d{6})$/m.exec(mail.text)![1]!;
    return { token, code, link, mail };
  }
  throw new Error(`no new mail to ${to}`);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const backends = testBackends(process.env.TEST_POSTGRES_URL);

describe.each(backends)('guests on $name', ({ name, skip, open }) => {
  let t: TestDb;
  let clock: Date;
  let staffPresent: boolean;
  let deferred: Promise<void>[];
  let deps: GuestDeps;
  let n = 0;
  const address = (who: string) => `${who}.${name.toLowerCase()}.${Date.now().toString(36)}${n++}@example.com`;
  const identityClient = () =>
    createIdentityClient({ connectionString: emu.connectionString, allowInsecureConnection: true });

  beforeAll(async () => {
    if (skip) return;
    t = await open();
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    clock = new Date();
    staffPresent = false;
    deferred = [];
    const transport = createMailTransport(`smtp://localhost:${emu.smtpPort}`);
    deps = {
      db: () => Promise.resolve(t.db),
      now: () => clock,
      appUrl: () => APP_URL,
      codeKey: () => codeKey('a-test-session-secret-of-at-least-32-chars'),
      sendSignInMail: (mail) => sendGuestSignInMail(mail, { transport, from: 'Vestibule <no-reply@contoso.test>' }),
      defer: (task) => void deferred.push(task()),
      issueGuestIdentity: (grant) => issueGuestIdentity(grant, identityClient()),
      refreshGuestToken: (id, grant) => refreshGuestToken(id, grant, identityClient()),
      revokeIdentityTokens: (ids) => revokeIdentityTokens(ids, identityClient()),
      acsEndpoint: () => 'https://contoso.communication.azure.test',
      clientLimitFactor: () => 1,
      staffSignedIn: () => Promise.resolve(staffPresent),
      tokenCache: new GuestTokenCache(),
    };
  });

  /** Mails go out after the answer: wait for them as the browser's user would. */
  const flush = async () => {
    await Promise.all(deferred.splice(0));
  };

  async function share(guestEmail: string, overrides: Partial<ShareTable> = {}): Promise<ShareTable> {
    const row: ShareTable = {
      id: newShareId(),
      meeting_id: `meeting-${Math.random().toString(36).slice(2)}`,
      meeting_subject: 'Quarterly review',
      meeting_start: new Date(clock.getTime() + 3600_000).toISOString(),
      meeting_end: new Date(clock.getTime() + 7200_000).toISOString(),
      organizer_id: 'staff-adele',
      organizer_name: 'Adele Vance',
      join_web_url: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_SECRET%40thread.v2/0',
      join_meeting_id: '987654321012',
      passcode: 'Pa55word',
      guest_email: guestEmail,
      guest_name: null,
      message: null,
      inviter_id: 'staff-adele',
      inviter_name: 'Adele Vance',
      inviter_email: 'adele@contoso.test',
      time_zone: 'UTC',
      created_at: clock.toISOString(),
      expires_at: new Date(clock.getTime() + 3 * 3600_000).toISOString(),
      status: 'invited',
      delivery: 'sent',
      delivery_error: null,
      sent_at: clock.toISOString(),
      revoked_at: null,
      revoked_by: null,
      ...overrides,
    };
    await insertShares(t.db, { rows: [row] });
    return row;
  }

  const meta = (ip = `198.51.100.${n % 250}`) => ({ ip, userAgent: 'vitest' });

  async function actions(shareId: string): Promise<string[]> {
    const rows = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('share_id', '=', shareId)
      .orderBy('at')
      .execute();
    return rows.map((r) => r.action);
  }

  /** A signed-in guest of a fresh share: its session cookie value. */
  async function signedInGuest(email = address('guest'), overrides: Partial<ShareTable> = {}) {
    const s = await share(email, overrides);
    await requestSignIn(s.id, { email }, meta(), deps);
    await flush();
    const { token } = await latestMail(email);
    const signedIn = await confirmLink(s.id, { token }, meta(), deps);
    return { share: s, sessionToken: signedIn.sessionToken, email };
  }

  describe('sign-in by link and code', () => {
    it.skipIf(skip)(
      'writes the sign-in mail in the language of the page the guest asked from (English for anything else)',
      async () => {
        const email = address('jana');
        const s = await share(email);
        await requestSignIn(s.id, { email, language: 'de' }, meta(), deps);
        await flush();
        const german = await latestMail(email);
        expect(german.mail.subject).toBe('Anmelden für „Quarterly review“');
        expect(german.mail.text).toContain(`Oder geben Sie diesen Code auf der Anmeldeseite ein: ${german.code}`);

        // An old page, or a hand-made request with a language Vestibule doesn't offer: English, not a refusal.
        await requestSignIn(s.id, { email, language: 'klingon' }, meta(), deps);
        await flush();
        expect((await latestMail(email)).mail.subject).toBe('Sign in to join “Quarterly review”');
      },
    );

    it.skipIf(skip)(
      'mails the invited address a link and a code; the link signs in once, after one click',
      async () => {
        const email = address('grace');
        const s = await share(email);
        const answer = await requestSignIn(s.id, { email: `  ${email.toUpperCase()} ` }, meta(), deps);
        expect(answer.message).toContain(email);
        await flush();
        const { token, code, link, mail } = await latestMail(email);
        expect(link.startsWith(`${APP_URL}/join/${s.id}/sign-in?token=`)).toBe(true);
        expect(code).toMatch(/^\d{6}$/);
        expect(mail.html).toContain(code);
        expect(mail.subject).toContain('Quarterly review');
        for (const secret of ['SECRET', '987654321012', 'Pa55word'])
          expect(mail.text + mail.html).not.toContain(secret);

        // Stored hashed: neither the token nor the code is in the database.
        const row = await t.db
          .selectFrom('guest_sign_ins')
          .selectAll()
          .where('share_id', '=', s.id)
          .executeTakeFirstOrThrow();
        expect(JSON.stringify(row)).not.toContain(token);
        expect(JSON.stringify(row)).not.toContain(code);

        // Opening the landing page (what a mail scanner does) uses nothing up.
        expect(await peekLink(s.id, token, deps)).toBe('ready');
        expect(await peekLink(s.id, token, deps)).toBe('ready');

        const signedIn = await confirmLink(s.id, { token }, meta(), deps);
        expect(signedIn.email).toBe(email);
        expect(signedIn.expiresAt.getTime() - clock.getTime()).toBe(12 * 3600_000);
        expect(await findGuestSession(t.db, signedIn.sessionToken, clock)).toMatchObject({ email });
        // Only the session's hash is kept.
        const sessions = await t.db.selectFrom('guest_sessions').selectAll().where('email', '=', email).execute();
        expect(JSON.stringify(sessions)).not.toContain(signedIn.sessionToken);
        expect((await findShare(t.db, { id: s.id }))?.status).toBe('signed_in');
        expect(await actions(s.id)).toEqual(['guest.sign_in_requested', 'guest.signed_in']);

        // Single use: the link, and the code of the same sign-in, no longer work.
        const again = await refusal(confirmLink(s.id, { token }, meta(), deps));
        expect(again).toMatchObject({ code: 'gone', message: expect.stringContaining('already been used') as string });
        expect(await peekLink(s.id, token, deps)).toBe('used');
        expect((await refusal(verifyCode(s.id, { email, code }, meta(), deps))).message).toBe(WRONG_CODE);
        // The session ends after 12 hours.
        expect(
          await findGuestSession(t.db, signedIn.sessionToken, new Date(clock.getTime() + 12 * 3600_000)),
        ).toBeUndefined();
      },
    );

    it.skipIf(skip)(
      'signs in by code (spaces forgiven); wrong codes are counted and five end the sign-in',
      async () => {
        const email = address('ben');
        const s = await share(email);
        await requestSignIn(s.id, { email }, meta(), deps);
        await flush();
        const { code, token: firstToken } = await latestMail(email);
        const wrong = code === '000000' ? '111111' : '000000';
        for (let i = 0; i < MAX_CODE_ATTEMPTS - 1; i++) {
          const e = await refusal(verifyCode(s.id, { email, code: wrong }, meta(), deps));
          expect(e).toMatchObject({ code: 'validation_failed', fields: { code: WRONG_CODE } });
        }
        const signedIn = await verifyCode(s.id, { email, code: `${code.slice(0, 3)} ${code.slice(3)}` }, meta(), deps);
        expect(signedIn.email).toBe(email);
        expect((await findShare(t.db, { id: s.id }))?.status).toBe('signed_in');

        // A new sign-in: five wrong codes, and then even the right code and the link are dead.
        await requestSignIn(s.id, { email }, meta(), deps);
        await flush();
        const next = await latestMail(email, firstToken);
        const bad = next.code === '000000' ? '111111' : '000000';
        for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) await refusal(verifyCode(s.id, { email, code: bad }, meta(), deps));
        expect((await refusal(verifyCode(s.id, { email, code: next.code }, meta(), deps))).message).toBe(WRONG_CODE);
        expect((await refusal(confirmLink(s.id, { token: next.token }, meta(), deps))).message).toContain(
          'too many wrong codes',
        );
        expect(await actions(s.id)).toContain('guest.sign_in_locked');
      },
    );

    it.skipIf(skip)('a new request supersedes the older link and code; sign-ins expire after 10 minutes', async () => {
      const email = address('ada');
      const s = await share(email);
      await requestSignIn(s.id, { email }, meta(), deps);
      await flush();
      const first = await latestMail(email);
      clock = new Date(clock.getTime() + 1000);
      await requestSignIn(s.id, { email }, meta(), deps);
      await flush();
      const second = await latestMail(email, first.token);
      expect(second.token).not.toBe(first.token);
      expect((await refusal(confirmLink(s.id, { token: first.token }, meta(), deps))).message).toContain(
        'newer sign-in e-mail',
      );
      if (first.code !== second.code) {
        expect((await refusal(verifyCode(s.id, { email, code: first.code }, meta(), deps))).message).toBe(WRONG_CODE);
      }
      // Ten minutes on, the newest one has expired too: link and code alike.
      clock = new Date(clock.getTime() + 10 * 60_000);
      expect(await peekLink(s.id, second.token, deps)).toBe('expired');
      expect(await refusal(confirmLink(s.id, { token: second.token }, meta(), deps))).toMatchObject({
        code: 'gone',
        message: expect.stringContaining('expired') as string,
      });
      expect((await refusal(verifyCode(s.id, { email, code: second.code }, meta(), deps))).message).toBe(WRONG_CODE);
      expect((await findShare(t.db, { id: s.id }))?.status).toBe('invited');
    });

    it.skipIf(skip)(
      'answers an address that was not invited exactly as the invited one, and mails nobody',
      async () => {
        const invited = address('invited');
        const stranger = address('stranger');
        const s = await share(invited);
        const forStranger = await requestSignIn(s.id, { email: stranger }, meta(), deps);
        const forInvited = await requestSignIn(s.id, { email: invited }, meta(), deps);
        expect(Object.keys(forStranger)).toEqual(Object.keys(forInvited));
        expect(forStranger.message.replace(stranger, 'X')).toBe(forInvited.message.replace(invited, 'X'));
        await flush();
        expect(await mailbox(stranger)).toHaveLength(0);
        expect(await mailbox(invited)).toHaveLength(1);
        // A code tried for the stranger's address gets the very answer a wrong code gets.
        const e = await refusal(verifyCode(s.id, { email: stranger, code: '123456' }, meta(), deps));
        expect(e).toMatchObject({ code: 'validation_failed', message: WRONG_CODE });
        const audit = await t.db.selectFrom('audit_events').selectAll().where('share_id', '=', s.id).execute();
        expect(audit.map((a) => a.action).sort()).toEqual(['guest.sign_in_other_address', 'guest.sign_in_requested']);
        expect(JSON.stringify(audit)).not.toContain(stranger);
      },
    );

    it.skipIf(skip)('rate-limits sign-in mails per address and per client, with Retry-After', async () => {
      const email = address('busy');
      const s = await share(email);
      for (let i = 0; i < 5; i++) await requestSignIn(s.id, { email }, meta(`203.0.113.${i}`), deps);
      const limited = await refusal(requestSignIn(s.id, { email }, meta('203.0.113.99'), deps));
      expect(limited.code).toBe('rate_limited');
      expect(limited.retryAfterSeconds).toBeGreaterThan(0);
      expect(limited.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
      expect(limited.message).toMatch(/wait \d+ minutes? and try again/);
      // The same holds for an address that was not invited, so the limit reveals nothing either.
      const other = address('other');
      for (let i = 0; i < 5; i++) await requestSignIn(s.id, { email: other }, meta(`203.0.113.${i}`), deps);
      expect((await refusal(requestSignIn(s.id, { email: other }, meta('203.0.113.98'), deps))).code).toBe(
        'rate_limited',
      );
      // One client probing many addresses is stopped too.
      const ip = '192.0.2.77';
      for (let i = 0; i < 20; i++) await requestSignIn(s.id, { email: address(`probe${i}`) }, meta(ip), deps);
      expect((await refusal(requestSignIn(s.id, { email: address('probe-x') }, meta(ip), deps))).code).toBe(
        'rate_limited',
      );
      // Where many guests share one public address (GUEST_CLIENT_LIMIT_FACTOR), that address gets more.
      const shared = '192.0.2.78';
      const roomier = { ...deps, clientLimitFactor: () => 2 };
      for (let i = 0; i < 40; i++) await requestSignIn(s.id, { email: address(`nat${i}`) }, meta(shared), roomier);
      expect((await refusal(requestSignIn(s.id, { email: address('nat-x') }, meta(shared), roomier))).code).toBe(
        'rate_limited',
      );
      // After the window, the address may ask again.
      clock = new Date(clock.getTime() + 15 * 60_000 + 1000);
      await expect(requestSignIn(s.id, { email }, meta('203.0.113.99'), deps)).resolves.toBeTruthy();
      await flush();
    });

    it.skipIf(skip)('refuses sign-in for unknown, malformed, revoked and expired invitations', async () => {
      const email = address('closed');
      expect((await refusal(requestSignIn(newShareId(), { email }, meta(), deps))).code).toBe('not_found');
      expect((await refusal(requestSignIn('../../etc', { email }, meta(), deps))).code).toBe('not_found');
      const revoked = await share(email, { status: 'revoked', revoked_at: clock.toISOString() });
      expect(await refusal(requestSignIn(revoked.id, { email }, meta(), deps))).toMatchObject({
        code: 'gone',
        message: expect.stringContaining('withdrawn') as string,
      });
      const expired = await share(address('late'), { expires_at: new Date(clock.getTime() - 1000).toISOString() });
      expect((await refusal(requestSignIn(expired.id, { email }, meta(), deps))).message).toContain('expired');
      expect(
        (await refusal(requestSignIn(expired.id, { email: 'not an address' }, meta(), deps))).fields?.email,
      ).toMatch(/valid e-mail/);
    });

    it.skipIf(skip)('a link of one invitation does not sign in at another', async () => {
      const email = address('two');
      const a = await share(email);
      const b = await share(email, { meeting_id: 'other-meeting' });
      await requestSignIn(a.id, { email }, meta(), deps);
      await flush();
      const { token } = await latestMail(email);
      expect((await refusal(confirmLink(b.id, { token }, meta(), deps))).code).toBe('not_found');
      expect(await peekLink(b.id, token, deps)).toBe('invalid');
    });
  });

  describe('token route service', () => {
    const body = { displayName: '  Grace Hopper ' };

    it.skipIf(skip)(
      "adds the least chat scope only when the share's meeting allows chat, and decides again on refresh",
      async () => {
        const chatty = await signedInGuest(address('chat'), { allow_meeting_chat: 'limited' });
        const request = { sessionToken: chatty.sessionToken, shareId: chatty.share.id, meta: meta() };
        const first = await issueShareToken(request, body, deps);
        expect(first.chat).toEqual({ enabled: true, acsEndpoint: 'https://contoso.communication.azure.test' });
        expect(await emu.verifyAcsToken(first.token)).toMatchObject({
          ok: true,
          scopes: ['voip', 'chat.join.limited'],
        });

        // Staff turned chat off in Teams and the host page recorded it: the refresh drops the scope.
        await t.db
          .updateTable('shares')
          .set({ allow_meeting_chat: 'disabled' })
          .where('id', '=', chatty.share.id)
          .execute();
        const refreshed = await issueShareToken(request, body, deps);
        expect(refreshed.userId).toBe(first.userId);
        expect(refreshed.chat).toEqual({ enabled: false });
        expect(await emu.verifyAcsToken(refreshed.token)).toMatchObject({ ok: true, scopes: ['voip'] });

        // A share from before Vestibule read the setting (null): no chat.
        const unknown = await signedInGuest(address('nochat'));
        const plain = await issueShareToken(
          { sessionToken: unknown.sessionToken, shareId: unknown.share.id, meta: meta() },
          body,
          deps,
        );
        expect(plain.chat.enabled).toBe(false);
        expect(await emu.verifyAcsToken(plain.token)).toMatchObject({ ok: true, scopes: ['voip'] });
      },
    );

    it.skipIf(skip)(
      "issues a 60-minute voip token for the share's meeting, reusing one ACS identity per share",
      async () => {
        const { share: s, sessionToken, email } = await signedInGuest();
        const first = await issueShareToken({ sessionToken, shareId: s.id, meta: meta() }, body, deps);
        expect(first).toMatchObject({
          displayName: 'Grace Hopper',
          locator: { kind: 'teamsMeetingLink', meetingLink: s.join_web_url },
        });
        const verified = await emu.verifyAcsToken(first.token);
        expect(verified).toMatchObject({ ok: true, identityId: first.userId, scopes: ['voip'] });
        const minutes = (new Date(first.expiresOn).getTime() - Date.now()) / 60_000;
        expect(minutes).toBeGreaterThan(58);
        expect(minutes).toBeLessThanOrEqual(60.5);
        expect(JSON.stringify(first)).not.toContain('Pa55word');

        // A refresh: same identity, a token ACS accepts. (Two tokens minted in the same second can be
        // byte-identical, as real ACS tokens carry only second-resolution times, so no inequality here.)
        const second = await issueShareToken(
          { sessionToken, shareId: s.id, meta: meta() },
          { displayName: 'Grace H.' },
          deps,
        );
        expect(second.userId).toBe(first.userId);
        expect(await emu.verifyAcsToken(second.token)).toMatchObject({ ok: true, identityId: first.userId });
        const identities = await t.db.selectFrom('share_identities').selectAll().where('share_id', '=', s.id).execute();
        expect(identities.map((i) => i.acs_user_id)).toEqual([first.userId]);
        // Staff see the name the guest chose.
        expect((await findShare(t.db, { id: s.id }))?.guest_name).toBe('Grace H.');
        const issued = await t.db
          .selectFrom('audit_events')
          .selectAll()
          .where('share_id', '=', s.id)
          .where('action', '=', 'guest.token_issued')
          .execute();
        expect(issued).toHaveLength(2);
        expect(issued[0]).toMatchObject({ actor_kind: 'guest', actor_id: email });
        expect(issued.map((e) => e.detail).join()).not.toContain(first.token);

        // A share without a link is joined by meeting ID and passcode — still only that share's.
        const byId = await signedInGuest(address('byid'), { join_web_url: '' });
        const viaId = await issueShareToken(
          { sessionToken: byId.sessionToken, shareId: byId.share.id, meta: meta() },
          body,
          deps,
        );
        expect(viaId.locator).toEqual({ kind: 'teamsMeetingId', meetingId: '987654321012', passcode: 'Pa55word' });
      },
    );

    it.skipIf(skip)(
      'a page reload soon after gets the same token without asking ACS; a refresh gets a new one; revocation beats both',
      async () => {
        const g = await signedInGuest();
        const request = { sessionToken: g.sessionToken, shareId: g.share.id, meta: meta() };
        let mints = 0;
        const counting: GuestDeps = {
          ...deps,
          refreshGuestToken: (id, grant) => (mints++, deps.refreshGuestToken(id, grant)),
          issueGuestIdentity: (grant) => (mints++, deps.issueGuestIdentity(grant)),
        };
        const minted = clock;
        const first = await issueShareToken(request, body, counting);
        clock = new Date(minted.getTime() + 10 * 60_000);
        const reload = await issueShareToken(request, body, counting);
        expect(reload).toEqual(first);
        expect(mints).toBe(1);
        // The mint is in the trail once; handing the same token out again under the same name adds nothing.
        expect((await actions(g.share.id)).filter((a) => a === 'guest.token_issued')).toHaveLength(1);

        // Another browser signed in as the same guest is a session of its own: it gets its own mint.
        const { token: link } = await (async () => {
          await requestSignIn(g.share.id, { email: g.email }, meta(), deps);
          await flush();
          return latestMail(g.email);
        })();
        const other = await confirmLink(g.share.id, { token: link }, meta(), deps);
        await issueShareToken({ ...request, sessionToken: other.sessionToken }, body, counting);
        expect(mints).toBe(2);

        // The clients refresh at half of a token's life: that is a new mint, never the old token.
        clock = new Date(minted.getTime() + 30 * 60_000);
        const refreshed = await issueShareToken(request, body, counting);
        expect(mints).toBe(3);
        expect(refreshed.userId).toBe(first.userId);

        // Revoked while a token sits in the cache: refused all the same.
        await t.db
          .updateTable('shares')
          .set({ status: 'revoked', revoked_at: clock.toISOString() })
          .where('id', '=', g.share.id)
          .execute();
        const withdrawn = await refusal(issueShareToken(request, body, counting));
        expect(withdrawn).toMatchObject({ status: 410, message: expect.stringContaining('withdrawn') as string });
        expect(mints).toBe(3);
      },
    );

    it.skipIf(skip)('refuses, and audits, every request it must not serve', async () => {
      const grace = await signedInGuest();
      const alan = await signedInGuest();
      const request = (sessionToken: string | undefined, shareId: string) => ({ sessionToken, shareId, meta: meta() });
      const cases: Array<[string, () => Promise<unknown>, number, RegExp]> = [
        ['no session', () => issueShareToken(request(undefined, grace.share.id), body, deps), 401, /Sign in/],
        [
          'an unknown session',
          () => issueShareToken(request('x'.repeat(43), grace.share.id), body, deps),
          401,
          /Sign in/,
        ],
        [
          "another guest's share",
          () => issueShareToken(request(alan.sessionToken, grace.share.id), body, deps),
          403,
          /another e-mail/,
        ],
        [
          'an unknown share',
          () => issueShareToken(request(grace.sessionToken, newShareId()), body, deps),
          404,
          /does not match/,
        ],
        [
          'a malformed id',
          () => issueShareToken(request(grace.sessionToken, 'not-a-share'), body, deps),
          404,
          /does not match/,
        ],
        [
          'a bad display name',
          () => issueShareToken(request(grace.sessionToken, grace.share.id), { displayName: 'a\nb' }, deps),
          422,
          /.*/,
        ],
      ];
      for (const [what, call, status, message] of cases) {
        const e = await refusal(call());
        expect(e.status, what).toBe(status);
        expect(e.message, what).toMatch(message);
      }
      staffPresent = true;
      const staff = await refusal(issueShareToken(request(undefined, grace.share.id), body, deps));
      expect(staff).toMatchObject({ status: 403, message: expect.stringContaining('signed in as staff') as string });
      staffPresent = false;

      // Refusals about a real share show in its trail (the unknown id and malformed id do not).
      const refused = await t.db
        .selectFrom('audit_events')
        .select(['detail'])
        .where('share_id', '=', grace.share.id)
        .where('action', '=', 'guest.token_refused')
        .execute();
      expect(refused.map((r) => (JSON.parse(r.detail!) as { code: string }).code).sort()).toEqual([
        'forbidden',
        'forbidden',
        'unauthenticated',
        'unauthenticated',
        'validation_failed',
      ]);
      expect(
        await t.db.selectFrom('share_identities').selectAll().where('share_id', '=', grace.share.id).execute(),
      ).toEqual([]);
    });

    it.skipIf(skip)(
      '410 for a revoked or expired invitation, with the reason; revocation also kills issued tokens',
      async () => {
        const g = await signedInGuest();
        const issued = await issueShareToken(
          { sessionToken: g.sessionToken, shareId: g.share.id, meta: meta() },
          body,
          deps,
        );
        await t.db
          .updateTable('shares')
          .set({ status: 'revoked', revoked_at: clock.toISOString() })
          .where('id', '=', g.share.id)
          .execute();
        await revokeIdentityTokens([issued.userId], identityClient());
        const withdrawn = await refusal(
          issueShareToken({ sessionToken: g.sessionToken, shareId: g.share.id, meta: meta() }, body, deps),
        );
        expect(withdrawn).toMatchObject({ status: 410, message: expect.stringContaining('withdrawn') as string });
        expect(await emu.verifyAcsToken(issued.token)).toMatchObject({ ok: false, code: 'revoked' });

        const h = await signedInGuest();
        clock = new Date(new Date(h.share.expires_at).getTime());
        const expired = await refusal(
          issueShareToken({ sessionToken: h.sessionToken, shareId: h.share.id, meta: meta() }, body, deps),
        );
        expect(expired).toMatchObject({ status: 410, message: expect.stringContaining('expired') as string });
        expect(await actions(h.share.id)).toContain('guest.token_refused');
      },
    );

    it.skipIf(skip)('rate-limits a session with 429 and Retry-After', async () => {
      const g = await signedInGuest();
      const request = { sessionToken: g.sessionToken, shareId: g.share.id, meta: meta('192.0.2.200') };
      // Status reports are cheap (no ACS), and count against the same per-session budget.
      for (let i = 0; i < 30; i++) await reportGuestStatus(request, { status: i % 2 ? 'joined' : 'in_lobby' }, deps);
      const limited = await refusal(issueShareToken(request, body, deps));
      expect(limited).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(limited.retryAfterSeconds).toBeGreaterThan(0);
      expect(await actions(g.share.id)).toContain('guest.token_refused');
    });
  });

  describe('status reports', () => {
    it.skipIf(skip)(
      'move the share through in lobby, joined and left, audited; guarded like the token route',
      async () => {
        const g = await signedInGuest();
        const request = { sessionToken: g.sessionToken, shareId: g.share.id, meta: meta() };
        for (const status of ['in_lobby', 'joined', 'left'] as const) {
          await expect(reportGuestStatus(request, { status }, deps)).resolves.toEqual({ status });
          expect((await findShare(t.db, { id: g.share.id }))?.status).toBe(status);
        }
        await reportGuestStatus(request, { status: 'left' }, deps); // unchanged: not audited twice
        expect((await actions(g.share.id)).filter((a) => a.startsWith('guest.') && !a.includes('sign'))).toEqual([
          'guest.in_lobby',
          'guest.joined',
          'guest.left',
        ]);
        expect((await refusal(reportGuestStatus(request, { status: 'revoked' }, deps))).code).toBe('validation_failed');
        const other = await signedInGuest();
        expect(
          (await refusal(reportGuestStatus({ ...request, shareId: other.share.id }, { status: 'joined' }, deps)))
            .status,
        ).toBe(403);
        expect(
          (await refusal(reportGuestStatus({ ...request, sessionToken: undefined }, { status: 'joined' }, deps)))
            .status,
        ).toBe(401);
        await t.db.updateTable('shares').set({ status: 'revoked' }).where('id', '=', g.share.id).execute();
        expect((await refusal(reportGuestStatus(request, { status: 'joined' }, deps))).status).toBe(410);
        expect((await findShare(t.db, { id: g.share.id }))?.status).toBe('revoked');
      },
    );
  });
});
