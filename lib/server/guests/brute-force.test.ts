/**
 * How many guesses a code gets when they arrive all at once, against a real database (SQLite, and
 * PostgreSQL when TEST_POSTGRES_URL is set). The mail is captured where it would be sent, because the
 * code inside it is what an attacker doesn't have and the test needs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuestSignInMailInput } from '@/lib/server/mail/guest-sign-in';
import { newShareId } from '@/lib/server/shares/ids';
import { insertShares } from '@/lib/server/shares/store';
import { testBackends, type TestDb } from '@/lib/server/shares/test-db';
import type { GuestDeps } from './deps';
import { GuestTokenCache } from './token-cache';
import { codeKey } from './secrets';
import { MAX_CODE_ATTEMPTS, requestSignIn, verifyCode, WRONG_CODE } from './sign-in';

describe.each(testBackends(process.env.TEST_POSTGRES_URL))('code guessing on $name', ({ skip, open }) => {
  let t: TestDb;
  const mails: GuestSignInMailInput[] = [];
  let now = new Date();
  const deps = (): GuestDeps => ({
    db: () => Promise.resolve(t.db),
    now: () => now,
    appUrl: () => 'http://localhost:3000',
    codeKey: () => codeKey('a-test-session-secret-of-at-least-32-chars'),
    sendSignInMail: (mail) => {
      mails.push(mail);
      return Promise.resolve({ ok: true });
    },
    defer: (task) => void task(),
    issueGuestIdentity: () => Promise.reject(new Error('not used')),
    refreshGuestToken: () => Promise.reject(new Error('not used')),
    acsEndpoint: () => undefined,
    revokeIdentityTokens: () => Promise.resolve(),
    // Each attempt below comes from its own address, as from a botnet: only the per-sign-in limit applies.
    clientLimitFactor: () => 1000,
    staffSignedIn: () => Promise.resolve(false),
    tokenCache: new GuestTokenCache(),
  });

  async function invite(email: string): Promise<string> {
    const shareId = newShareId();
    await insertShares(t.db, {
      rows: [
        {
          id: shareId,
          meeting_id: 'meeting-1',
          meeting_subject: 'Board',
          meeting_start: new Date(now.getTime() + 3600_000).toISOString(),
          meeting_end: new Date(now.getTime() + 7200_000).toISOString(),
          organizer_id: 'staff-a',
          organizer_name: 'A',
          join_web_url: 'https://teams.microsoft.com/l/meetup-join/x',
          join_meeting_id: '1',
          passcode: 'p',
          guest_email: email,
          guest_name: null,
          message: null,
          inviter_id: 'staff-a',
          inviter_name: 'A',
          inviter_email: 'a@contoso.test',
          time_zone: 'UTC',
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + 3 * 24 * 3600_000).toISOString(),
          status: 'invited',
          delivery: 'sent',
          delivery_error: null,
          sent_at: now.toISOString(),
          revoked_at: null,
          revoked_by: null,
        },
      ],
    });
    return shareId;
  }

  beforeAll(async () => {
    if (!skip) t = await open();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.skipIf(skip)('judges at most five guesses of a code, however many arrive at once', async () => {
    const email = 'target@example.com';
    const shareId = await invite(email);
    await requestSignIn(shareId, { email }, { ip: '192.0.2.1' }, deps());
    await expect.poll(() => mails.length).toBe(1);
    const code = mails[0]!.code;
    const wrong = Array.from({ length: 50 }, (_, i) => String((Number(code) + 1 + i) % 1e6).padStart(6, '0'));

    const outcomes = await Promise.allSettled(
      wrong.map((guess, i) => verifyCode(shareId, { email, code: guess }, { ip: `198.51.100.${i}` }, deps())),
    );
    expect(outcomes.every((o) => o.status === 'rejected' && (o.reason as Error).message === WRONG_CODE)).toBe(true);
    const row = await t.db
      .selectFrom('guest_sign_ins')
      .select(['failed_attempts', 'ended_reason'])
      .where('share_id', '=', shareId)
      .executeTakeFirstOrThrow();
    // Only five of the fifty were ever compared with the code; the sign-in then ended.
    expect(Number(row.failed_attempts)).toBe(MAX_CODE_ATTEMPTS);
    expect(row.ended_reason).toBe('too_many_attempts');
    await expect(verifyCode(shareId, { email, code }, { ip: '192.0.2.1' }, deps())).rejects.toThrow(WRONG_CODE);
  });

  it.skipIf(skip)('sends one address at most 20 sign-in mails a day, spread out or not', async () => {
    const email = 'daily@example.com';
    const shareId = await invite(email);
    const start = now;
    for (let i = 0; i < 20; i++) {
      // Five per quarter hour is the short-term limit; stay under it.
      now = new Date(start.getTime() + Math.floor(i / 5) * 16 * 60_000);
      await requestSignIn(shareId, { email }, { ip: '192.0.2.2' }, deps());
    }
    now = new Date(start.getTime() + 5 * 16 * 60_000);
    await expect(requestSignIn(shareId, { email }, { ip: '192.0.2.2' }, deps())).rejects.toMatchObject({
      code: 'rate_limited',
    });
    now = new Date(start.getTime() + 24 * 60 * 60_000 + 60_000);
    await expect(requestSignIn(shareId, { email }, { ip: '192.0.2.2' }, deps())).resolves.toBeDefined();
  });
});
