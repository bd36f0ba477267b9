/**
 * The share service against a real database (SQLite, and PostgreSQL when TEST_POSTGRES_URL is set)
 * and the real emulator: its SMTP mail catcher receives the invitations and its ACS Identity service
 * issues and revokes tokens. Graph is stood in for by `getMeeting` (the only thing the service asks
 * of it), which is how "who may see which meeting" is set up here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '@/emulator/index';
import { admin } from '@/emulator/testing';
import { createIdentityClient, revokeIdentityTokens } from '@/lib/server/acs/identity';
import type { Staff } from '@/lib/server/auth/staff';
import { AppError } from '@/lib/server/errors';
import { createMailTransport } from '@/lib/server/mail/transport';
import { sendInvitationEmail } from '@/lib/server/mail/send';
import type { Meeting } from '@/lib/server/meetings';
import type { ShareDeps } from './deps';
import { createShares, listMeetingAudit, listShares, resendShare, revokeShare } from './service';
import { newShareId } from './ids';
import { addShareIdentity, findShare, isUniqueViolation } from './store';
import { testBackends, type TestDb } from './test-db';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
interface MailMessage {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: { contentType: string; filename: string | null; method: string | null; content: string | null }[];
  links: string[];
}

/** The calendar invitation a mail client would show: the text/calendar part, unfolded into lines. */
function calendarOf(mail: MailMessage): string[] {
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
  expect(part?.method).toBe('REQUEST');
  return (part?.content ?? '').replace(/\r\n[ \t]/g, '').split('\r\n');
}

const APP_URL = 'http://localhost:3999';
const adele: Staff = {
  id: 'staff-adele',
  tenantId: 't',
  name: 'Adele Vance',
  email: 'adele@contoso.test',
  sessionId: 's1',
};
const megan: Staff = {
  id: 'staff-megan',
  tenantId: 't',
  name: 'Megan Bowen',
  email: 'megan@contoso.test',
  sessionId: 's2',
};

let emu: Emulator;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'vestibule-shares-emu-'));
  emu = await startEmulator({ port: 0, smtpPort: 0, dataDir, quiet: true });
});
afterAll(async () => {
  await emu?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function mailbox(to: string): Promise<MailMessage[]> {
  const res = await fetch(`${emu.url}/mailbox/messages?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { value: MailMessage[] }).value;
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe.each(testBackends(process.env.TEST_POSTGRES_URL))('shares on $name', ({ name, skip, open }) => {
  let t: TestDb;
  let transport: Transporter;
  let clock: Date;
  let meeting: Meeting;
  let deps: ShareDeps & { revokeIdentityTokens: (ids: string[]) => Promise<void> };
  const identityClient = () =>
    createIdentityClient({ connectionString: emu.connectionString, allowInsecureConnection: true });
  // One mailbox for both backends: keep each run's addresses apart.
  let n = 0;
  const guest = (who: string) => `${who}.${name.toLowerCase()}.${Date.now().toString(36)}${n++}@example.com`;

  beforeAll(async () => {
    if (skip) return;
    t = await open();
  });
  afterAll(async () => {
    await t?.close();
  });

  beforeEach(() => {
    clock = new Date();
    meeting = {
      id: `meeting-${Math.random().toString(36).slice(2)}`,
      subject: 'Quarterly review',
      startDateTime: new Date(clock.getTime() + 60 * 60_000).toISOString(),
      endDateTime: new Date(clock.getTime() + 2 * 60 * 60_000).toISOString(),
      joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_SECRETLINK%40thread.v2/0',
      joinMeetingId: '987654321012',
      passcode: 'Pa55word',
      organizer: { id: adele.id, name: adele.name },
      lobbyBypassScope: 'organization',
    };
    transport = createMailTransport(`smtp://localhost:${emu.smtpPort}`);
    deps = {
      // Graph's delegated access: only the organizer sees the meeting.
      getMeeting: (staff, meetingId) =>
        staff.id === adele.id && meetingId === meeting.id
          ? Promise.resolve(meeting)
          : Promise.reject(new AppError('not_found', "Vestibule can't see this meeting.")),
      db: () => Promise.resolve(t.db),
      appUrl: () => APP_URL,
      sendInvitationEmail: (input) =>
        sendInvitationEmail(input, { transport, from: 'Vestibule <no-reply@contoso.test>' }),
      revokeIdentityTokens: (ids) => revokeIdentityTokens(ids, identityClient()),
      now: () => clock,
    };
  });

  const meta = { ip: '203.0.113.7', userAgent: 'vitest' };

  it.skipIf(skip)("records the meeting's chat setting from Graph on each new invitation", async () => {
    meeting = { ...meeting, allowMeetingChat: 'limited' };
    const { shares } = await createShares(adele, meeting.id, { guests: [{ email: guest('chat') }] }, meta, deps);
    expect((await findShare(t.db, { id: shares[0]!.id }))?.allow_meeting_chat).toBe('limited');
    const quiet = { ...meeting, id: `${meeting.id}-quiet`, allowMeetingChat: undefined };
    const noChat = await createShares(adele, quiet.id, { guests: [{ email: guest('quiet') }] }, meta, {
      ...deps,
      getMeeting: () => Promise.resolve(quiet),
    });
    // Graph said nothing: nothing is recorded, and such a guest gets no chat scope.
    expect((await findShare(t.db, { id: noChat.shares[0]!.id }))?.allow_meeting_chat).toBeNull();
  });

  it.skipIf(skip)(
    'sends each guest the invitation in the language staff chose, stores it, and resends in it',
    async () => {
      const jana = guest('jana');
      const remy = guest('remy');
      const plain = guest('plain');
      const result = await createShares(
        adele,
        meeting.id,
        { guests: [{ email: jana, language: 'de' }, { email: remy, language: 'fr' }, { email: plain }] },
        meta,
        deps,
      );
      const [j, r, p] = result.shares;
      expect((await mailbox(jana))[0]?.subject).toBe('Adele Vance hat Sie zu „Quarterly review“ eingeladen');
      expect((await mailbox(remy))[0]?.subject).toBe('Adele Vance vous invite à « Quarterly review »');
      expect((await mailbox(plain))[0]?.subject).toBe('Adele Vance invited you to “Quarterly review”');
      expect((await findShare(t.db, { id: j!.id }))?.language).toBe('de');
      expect((await findShare(t.db, { id: r!.id }))?.language).toBe('fr');
      expect((await findShare(t.db, { id: p!.id }))?.language).toBeNull();

      clock = new Date(clock.getTime() + 5_000);
      await resendShare(adele, j!.id, meta, deps);
      const resent = await mailbox(jana);
      expect(resent).toHaveLength(2);
      expect(resent.every((m) => m.subject.includes('eingeladen'))).toBe(true);

      // A language Vestibule does not offer is refused with the field named, before anything is stored.
      const refused = await createShares(
        adele,
        meeting.id,
        { guests: [{ email: guest('xx'), language: 'it' as never }] },
        meta,
        deps,
      ).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).fields).toHaveProperty(['guests.0.language']);
    },
  );

  it.skipIf(skip)(
    'invites two guests: two shares, two mails with their own link, an audit trail, no secrets',
    async () => {
      const grace = guest('grace');
      const alan = guest('alan');
      const result = await createShares(
        adele,
        meeting.id,
        {
          guests: [{ email: `  ${grace.toUpperCase()} `, name: 'Grace Hopper' }, { email: alan }],
          message: 'Bring <questions> & ideas',
          timeZone: 'Europe/Berlin',
        },
        meta,
        deps,
      );
      expect(result.shares).toHaveLength(2);
      const [g, a] = result.shares;
      expect(g).toMatchObject({
        guestEmail: grace,
        guestName: 'Grace Hopper',
        status: 'invited',
        delivery: 'sent',
        deliveryError: null,
        inviterName: 'Adele Vance',
        revokedAt: null,
      });
      expect(a).toMatchObject({ guestEmail: alan, guestName: null, delivery: 'sent' });
      expect(g!.joinPath).toBe(`/join/${g!.id}`);
      expect(g!.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(g!.expiresAt).toBe(new Date(new Date(meeting.endDateTime).getTime() + 60 * 60_000).toISOString());
      expect(g!.sentAt).not.toBeNull();

      const json = JSON.stringify(result);
      for (const secret of ['SECRETLINK', '987654321012', 'Pa55word', meeting.id]) expect(json).not.toContain(secret);

      for (const [address, share] of [
        [grace, g!],
        [alan, a!],
      ] as const) {
        const mails = await mailbox(address);
        expect(mails).toHaveLength(1);
        const mail = mails[0]!;
        expect(mail.subject).toBe('Adele Vance invited you to “Quarterly review”');
        expect(mail.links).toContain(`${APP_URL}/join/${share.id}`);
        expect(mail.text).toContain(`${APP_URL}/join/${share.id}`);
        expect(mail.html).toContain('Bring &lt;questions&gt; &amp; ideas');
        expect(mail.text).toMatch(/Central European (Standard|Summer) Time/);
        // The calendar invitation points at Vestibule too, from the inviter to this guest.
        const calendar = calendarOf(mail);
        expect(calendar).toContain(`URL:${APP_URL}/join/${share.id}`);
        expect(calendar).toContain('ORGANIZER;CN="Adele Vance":mailto:adele@contoso.test');
        expect(calendar.find((l) => l.startsWith('ATTENDEE'))).toMatch(new RegExp(`:mailto:${address}$`));
        expect(mail.attachments.find((a) => a.filename === 'invitation.ics')?.content).toBe(
          mail.attachments.find((a) => a.contentType === 'text/calendar')?.content,
        );
        // Never the Teams join link, meeting ID or passcode: not in the text, the HTML or any attachment.
        for (const secret of ['SECRETLINK', 'teams.microsoft.com', '987654321012', 'Pa55word'])
          expect(JSON.stringify(mail)).not.toContain(secret);
      }

      // A resend, later: the guest's calendar updates the same event instead of adding a second one.
      const firstCalendar = calendarOf((await mailbox(grace))[0]!);
      clock = new Date(clock.getTime() + 90_000);
      await resendShare(adele, g!.id, meta, deps);
      const resent = await mailbox(grace);
      expect(resent).toHaveLength(2);
      const secondCalendar = calendarOf(resent[0]!);
      const field = (lines: string[], name: string) => lines.find((l) => l.startsWith(`${name}:`));
      expect(field(secondCalendar, 'UID')).toBe(field(firstCalendar, 'UID'));
      expect(Number(field(secondCalendar, 'SEQUENCE')?.slice(9))).toBeGreaterThan(
        Number(field(firstCalendar, 'SEQUENCE')?.slice(9)),
      );

      // The stored share keeps what the guest-join flow will need, server-side.
      const row = await findShare(t.db, { id: g!.id });
      expect(row).toMatchObject({
        meeting_id: meeting.id,
        join_web_url: meeting.joinWebUrl,
        passcode: 'Pa55word',
        join_meeting_id: '987654321012',
        time_zone: 'Europe/Berlin',
      });

      const listed = await listShares(adele, meeting.id, deps);
      expect(listed.shares.map((s) => s.id).sort()).toEqual([g!.id, a!.id].sort());

      const { events } = await listMeetingAudit(adele, meeting.id, {}, deps);
      expect(events.map((e) => e.action).sort()).toEqual([
        'share.created',
        'share.created',
        'share.resent',
        'share.sent',
        'share.sent',
        'share.sent',
      ]);
      expect(events.find((e) => e.action === 'share.resent')).toMatchObject({
        actor: { kind: 'staff', id: adele.id, name: 'Adele Vance' },
        ip: '203.0.113.7',
        userAgent: 'vitest',
      });
      // Delivery is the mail relay's doing, not Adele's, and each row names its recipient.
      const sent = events.filter((e) => e.action === 'share.sent');
      expect(sent.map((e) => e.actor)).toEqual(Array(3).fill({ kind: 'system', id: 'mail', name: null }));
      expect(sent.map((e) => e.detail?.guestEmail).sort()).toEqual([grace, grace, alan].sort());
      expect(events.find((e) => e.action === 'share.created' && e.shareId === g!.id)?.detail).toMatchObject({
        guestEmail: grace,
      });
    },
  );

  it.skipIf(skip)(
    'refuses duplicates in the request and against live shares, per guest, creating nothing',
    async () => {
      const grace = guest('grace');
      const dup = await refusal(
        createShares(adele, meeting.id, { guests: [{ email: grace }, { email: grace.toUpperCase() }] }, meta, deps),
      );
      expect(dup.code).toBe('validation_failed');
      expect(dup.fields?.['guests.1.email']).toMatch(/more than once/);

      await createShares(adele, meeting.id, { guests: [{ email: grace }] }, meta, deps);
      const alan = guest('alan');
      const again = await refusal(
        createShares(adele, meeting.id, { guests: [{ email: alan }, { email: grace }] }, meta, deps),
      );
      expect(again.code).toBe('conflict');
      expect(again.fields).toEqual({
        'guests.1.email': expect.stringContaining(`${grace} already has an invitation`) as string,
      });
      // All or nothing: Alan was not invited either.
      expect((await listShares(adele, meeting.id, deps)).shares.map((s) => s.guestEmail)).toEqual([grace]);
      expect(await mailbox(alan)).toHaveLength(0);

      // Two instances racing past the check are stopped by the partial unique index, on both databases.
      const live = (await findShare(t.db, { id: (await listShares(adele, meeting.id, deps)).shares[0]!.id }))!;
      const race = await t.db
        .insertInto('shares')
        .values({ ...live, id: newShareId() })
        .execute()
        .catch((e: unknown) => e);
      expect(isUniqueViolation(race)).toBe(true);
      await t.db
        .insertInto('shares')
        .values({ ...live, id: newShareId(), status: 'revoked' })
        .execute();
      await t.db.deleteFrom('shares').where('meeting_id', '=', meeting.id).where('status', '=', 'revoked').execute();

      // Once revoked, the guest can be invited again.
      const [share] = (await listShares(adele, meeting.id, deps)).shares;
      await revokeShare(adele, share!.id, meta, deps);
      const fresh = await createShares(adele, meeting.id, { guests: [{ email: grace }] }, meta, deps);
      expect(fresh.shares[0]?.status).toBe('invited');
    },
  );

  it.skipIf(skip)('refuses invalid input, an ended meeting, and an expiry out of bounds', async () => {
    const bad = await refusal(
      createShares(adele, meeting.id, { guests: [{ email: 'not-an-address' }], timeZone: 'Mars/Olympus' }, meta, deps),
    );
    expect(bad.code).toBe('validation_failed');
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['guests.0.email', 'timeZone']);
    expect((await refusal(createShares(adele, meeting.id, { guests: [] }, meta, deps))).fields?.guests).toMatch(
      /at least one/,
    );

    const expiry = await refusal(
      createShares(
        adele,
        meeting.id,
        { guests: [{ email: guest('x') }], expiresAt: new Date(clock.getTime() + 61 * 86_400_000).toISOString() },
        meta,
        deps,
      ),
    );
    expect(expiry.fields?.expiresAt).toMatch(/60 days/);

    meeting.endDateTime = new Date(clock.getTime() - 1000).toISOString();
    const ended = await refusal(createShares(adele, meeting.id, { guests: [{ email: guest('late') }] }, meta, deps));
    expect(ended.code).toBe('gone');
    expect((await listShares(adele, meeting.id, deps)).shares).toEqual([]);
  });

  it.skipIf(skip)('a failed send leaves the share "not delivered"; resend delivers it', async () => {
    // The emulator's mail fault: the next message is refused with 451.
    const fault = await admin(emu, 'POST', '/faults', { surface: 'mail', status: 451, count: 1 });
    expect(fault.status).toBe(201);
    const grace = guest('grace');
    const alan = guest('alan');
    const { shares } = await createShares(
      adele,
      meeting.id,
      { guests: [{ email: grace }, { email: alan }] },
      meta,
      deps,
    );
    expect(shares.map((s) => [s.guestEmail, s.delivery])).toEqual([
      [grace, 'failed'],
      [alan, 'sent'],
    ]);
    expect(shares[0]?.deliveryError).toBe('The mail server could not take the message right now (451).');
    expect(await mailbox(grace)).toHaveLength(0);

    // A relay that cannot be reached at all: the first guest's attempt finds out, the second is not
    // made to wait for the same failure.
    transport = createMailTransport(`smtp://localhost:${await closedPort()}`);
    let attempts = 0;
    const counting: typeof deps = {
      ...deps,
      sendInvitationEmail: (input) => {
        attempts++;
        return deps.sendInvitationEmail(input);
      },
    };
    const ada = guest('ada');
    const down = await createShares(
      adele,
      meeting.id,
      { guests: [{ email: ada }, { email: guest('bea') }] },
      meta,
      counting,
    );
    expect(attempts).toBe(1);
    for (const share of down.shares) {
      expect(share).toMatchObject({
        delivery: 'failed',
        deliveryError: 'The mail server could not be reached.',
        sentAt: null,
      });
    }

    transport = createMailTransport(`smtp://localhost:${emu.smtpPort}`);
    for (const share of [shares[0]!, down.shares[0]!]) {
      const resent = await resendShare(adele, share.id, meta, deps);
      expect(resent.share).toMatchObject({ id: share.id, delivery: 'sent', deliveryError: null });
      const mails = await mailbox(share.guestEmail);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.links).toContain(`${APP_URL}/join/${share.id}`);
    }
    const actions = (await listMeetingAudit(adele, meeting.id, {}, deps)).events.map((e) => e.action);
    expect(actions.filter((a) => a === 'share.send_failed')).toHaveLength(3);
    expect(actions.filter((a) => a === 'share.resent')).toHaveLength(2);
  });

  it.skipIf(skip)(
    'revoking takes effect at once and revokes the ACS tokens of every identity of the share',
    async () => {
      const { shares } = await createShares(adele, meeting.id, { guests: [{ email: guest('grace') }] }, meta, deps);
      const share = shares[0]!;
      // What the guest-join flow will do: create identities and tokens, and record them on the share.
      const client = identityClient();
      const first = await client.createUserAndToken(['voip']);
      const second = await client.createUserAndToken(['voip', 'chat']);
      for (const identity of [first, second]) {
        await addShareIdentity(t.db, {
          shareId: share.id,
          acsUserId: identity.user.communicationUserId,
          at: clock.toISOString(),
        });
        expect((await emu.verifyAcsToken(identity.token)).ok).toBe(true);
      }
      const bystander = await client.createUserAndToken(['voip']);

      const revoked = await revokeShare(adele, share.id, meta, deps);
      expect(revoked).toMatchObject({ share: { id: share.id, status: 'revoked' }, acsTokensRevoked: true });
      expect(revoked.share.revokedAt).toBe(clock.toISOString());
      for (const identity of [first, second]) {
        expect(await emu.verifyAcsToken(identity.token)).toMatchObject({ ok: false, code: 'revoked' });
      }
      expect((await emu.verifyAcsToken(bystander.token)).ok).toBe(true);
      expect(await findShare(t.db, { id: share.id })).toMatchObject({ status: 'revoked', revoked_by: adele.id });

      // Idempotent: a second revoke changes nothing and audits the revocation once.
      const again = await revokeShare(adele, share.id, meta, deps);
      expect(again.share).toEqual(revoked.share);
      const actions = (await listMeetingAudit(adele, meeting.id, {}, deps)).events
        .filter((e) => e.shareId === share.id)
        .map((e) => e.action);
      expect(actions.filter((a) => a === 'share.revoked')).toHaveLength(1);

      expect((await refusal(resendShare(adele, share.id, meta, deps))).code).toBe('conflict');
    },
  );

  it.skipIf(skip)(
    'revocation does not depend on ACS: the share is revoked even when ACS is down, and a retry revokes the tokens',
    async () => {
      const { shares } = await createShares(adele, meeting.id, { guests: [{ email: guest('grace') }] }, meta, deps);
      const share = shares[0]!;
      const identity = await identityClient().createUserAndToken(['voip']);
      await addShareIdentity(t.db, {
        shareId: share.id,
        acsUserId: identity.user.communicationUserId,
        at: clock.toISOString(),
      });

      const acsDown = { ...deps, revokeIdentityTokens: () => Promise.reject(new Error('connect ECONNREFUSED')) };
      const result = await revokeShare(adele, share.id, meta, acsDown);
      expect(result).toMatchObject({ share: { status: 'revoked' }, acsTokensRevoked: false });
      expect((await emu.verifyAcsToken(identity.token)).ok).toBe(true);
      const events = (await listMeetingAudit(adele, meeting.id, {}, deps)).events.map((e) => e.action);
      expect(events).toContain('share.tokens_revoke_failed');

      expect((await revokeShare(adele, share.id, meta, deps)).acsTokensRevoked).toBe(true);
      expect(await emu.verifyAcsToken(identity.token)).toMatchObject({ ok: false, code: 'revoked' });
    },
  );

  it.skipIf(skip)('shows an expired share as expired and will not resend it', async () => {
    const { shares } = await createShares(
      adele,
      meeting.id,
      { guests: [{ email: guest('grace') }], expiresAt: new Date(clock.getTime() + 60_000).toISOString() },
      meta,
      deps,
    );
    clock = new Date(clock.getTime() + 61_000);
    expect((await listShares(adele, meeting.id, deps)).shares[0]?.status).toBe('expired');
    expect((await refusal(resendShare(adele, shares[0]!.id, meta, deps))).code).toBe('gone');
  });

  it.skipIf(skip)('lets an expired invitation be replaced by a new one for the same guest', async () => {
    const email = guest('again');
    const first = await createShares(
      adele,
      meeting.id,
      { guests: [{ email }], expiresAt: new Date(clock.getTime() + 60_000).toISOString() },
      meta,
      deps,
    );
    clock = new Date(clock.getTime() + 61_000);
    const second = await createShares(adele, meeting.id, { guests: [{ email }] }, meta, deps);
    expect(second.shares[0]?.status).toBe('invited');
    const all = (await listShares(adele, meeting.id, deps)).shares.filter((s) => s.guestEmail === email);
    expect(all.find((s) => s.id === first.shares[0]!.id)?.status).toBe('revoked');
  });

  it.skipIf(skip)('lets the inviter revoke while Graph is unavailable, but nobody else', async () => {
    const { shares } = await createShares(adele, meeting.id, { guests: [{ email: guest('outage') }] }, meta, deps);
    const graphDown = {
      ...deps,
      getMeeting: () => Promise.reject(new AppError('upstream_unavailable', 'Graph is down.')),
    };
    const revoked = await revokeShare(adele, shares[0]!.id, meta, graphDown);
    expect(revoked.share.status).toBe('revoked');
    const again = await createShares(adele, meeting.id, { guests: [{ email: guest('outage2') }] }, meta, deps);
    expect((await refusal(revokeShare(megan, again.shares[0]!.id, meta, graphDown))).code).toBe('upstream_unavailable');
  });

  it.skipIf(skip)(
    "refuses, as not found, anyone who can't see the meeting in Graph, and unknown share ids",
    async () => {
      const { shares } = await createShares(adele, meeting.id, { guests: [{ email: guest('grace') }] }, meta, deps);
      const id = shares[0]!.id;
      // Thunks, so each refusal is awaited as it happens.
      const attempts = [
        () => createShares(megan, meeting.id, { guests: [{ email: guest('x') }] }, meta, deps),
        () => listShares(megan, meeting.id, deps),
        () => resendShare(megan, id, meta, deps),
        () => revokeShare(megan, id, meta, deps),
        () => listMeetingAudit(megan, meeting.id, {}, deps),
        () => revokeShare(adele, 'A'.repeat(24), meta, deps),
        () => resendShare(adele, '../../etc/passwd', meta, deps),
      ];
      for (const attempt of attempts) expect((await refusal(attempt())).code).toBe('not_found');
      expect(await findShare(t.db, { id })).toMatchObject({ status: 'invited', revoked_at: null });
      const actions = (await listMeetingAudit(adele, meeting.id, {}, deps)).events.map((e) => e.action);
      expect(actions.sort()).toEqual(['share.created', 'share.sent']);
    },
  );
});
