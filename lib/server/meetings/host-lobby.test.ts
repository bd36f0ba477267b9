/**
 * The host's lobby against a real database (SQLite, and PostgreSQL when TEST_POSTGRES_URL is set):
 * the share identities the host's client marks the lobby with, and revoking a guest who is in the
 * call, from the revocation through the host's heartbeat to the confirmed removal, as staff read it.
 * Graph is stood in for by `getMeeting` (only the organizer sees the meeting), mail and ACS by
 * functions that succeed: neither is what this tests.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Staff } from '@/lib/server/auth/staff';
import { AppError } from '@/lib/server/errors';
import type { ShareDeps } from '@/lib/server/shares/deps';
import { createShares, listMeetingAudit, listShares, revokeShare } from '@/lib/server/shares/service';
import { addShareIdentity } from '@/lib/server/shares/store';
import { testBackends, type TestDb } from '@/lib/server/shares/test-db';
import { hostHeartbeat, hostLeft, meetingIdentities, reportRemoval, type HostLobbyDeps } from './host-lobby';
import { HOST_PRESENCE_TTL_MS } from './in-call';
import type { Meeting } from './types';

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

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe.each(testBackends(process.env.TEST_POSTGRES_URL))('host lobby on $name', ({ skip, open }) => {
  let t: TestDb;
  let clock: Date;
  let meeting: Meeting;
  let shareDeps: ShareDeps;
  let deps: HostLobbyDeps;

  beforeAll(async () => {
    if (!skip) t = await open();
  });
  afterAll(async () => {
    await t?.close();
  });

  beforeEach(() => {
    clock = new Date();
    meeting = {
      id: `meeting-${Math.random().toString(36).slice(2)}`,
      subject: 'Lobby review',
      startDateTime: new Date(clock.getTime() - 10 * 60_000).toISOString(),
      endDateTime: new Date(clock.getTime() + 60 * 60_000).toISOString(),
      joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0',
      organizer: { id: adele.id, name: adele.name },
      lobbyBypassScope: 'organization',
    };
    // Graph's delegated access: only the organizer sees (and may host) the meeting.
    const getMeeting = (staff: Staff, meetingId: string) =>
      staff.id === adele.id && meetingId === meeting.id
        ? Promise.resolve(meeting)
        : Promise.reject(new AppError('not_found', "Vestibule can't see this meeting."));
    shareDeps = {
      getMeeting,
      db: () => Promise.resolve(t.db),
      appUrl: () => 'http://localhost:3999',
      sendInvitationEmail: () => Promise.resolve({ ok: true }),
      revokeIdentityTokens: () => Promise.resolve(),
      now: () => clock,
    };
    deps = { getMeeting, db: () => Promise.resolve(t.db), now: () => clock };
  });

  /** Two invited guests, each with the ACS identity their token request created. */
  async function twoGuests() {
    const { shares } = await createShares(
      adele,
      meeting.id,
      {
        guests: [
          { email: `ann.${clock.getTime()}@fabrikam.example`, name: 'Ann' },
          { email: `bob.${clock.getTime()}@northwind.example` },
        ],
      },
      {},
      shareDeps,
    );
    const [ann, bob] = shares;
    const annId = `8:acs:r_${ann!.id}`;
    const bobId = `8:acs:r_${bob!.id}`;
    await addShareIdentity(t.db, { shareId: ann!.id, acsUserId: annId, at: clock.toISOString() });
    await addShareIdentity(t.db, { shareId: bob!.id, acsUserId: bobId, at: clock.toISOString() });
    return { ann: ann!, bob: bob!, annId, bobId };
  }

  const setStatus = (shareId: string, status: 'joined' | 'left' | 'in_lobby') =>
    t.db.updateTable('shares').set({ status }).where('id', '=', shareId).execute();

  it.skipIf(skip)('lists the meeting’s share identities, verified or withdrawn, to its host only', async () => {
    const { ann, bob, annId, bobId } = await twoGuests();
    await revokeShare(adele, bob.id, {}, shareDeps);
    const { identities } = await meetingIdentities(adele, meeting.id, deps);
    expect(identities).toEqual(
      expect.arrayContaining([
        { acsUserId: annId, shareId: ann.id, guestEmail: ann.guestEmail, guestName: 'Ann', standing: 'verified' },
        { acsUserId: bobId, shareId: bob.id, guestEmail: bob.guestEmail, guestName: null, standing: 'withdrawn' },
      ]),
    );
    expect(identities).toHaveLength(2);
    // Another employee learns nothing (the same not_found as for a meeting that does not exist).
    expect((await refusal(meetingIdentities(megan, meeting.id, deps))).code).toBe('not_found');
    expect((await refusal(hostHeartbeat(megan, meeting.id, deps))).code).toBe('not_found');
  });

  it.skipIf(skip)('an expired share’s identity reads as withdrawn', async () => {
    const { annId } = await twoGuests();
    clock = new Date(new Date(meeting.endDateTime).getTime() + 2 * 60 * 60_000);
    const { identities } = await meetingIdentities(adele, meeting.id, deps);
    expect(identities.find((i) => i.acsUserId === annId)?.standing).toBe('withdrawn');
  });

  it.skipIf(skip)(
    'revoking a guest in the call with no Vestibule host says: still in the meeting, remove them in Teams',
    async () => {
      const { ann } = await twoGuests();
      await setStatus(ann.id, 'joined');
      const revoked = await revokeShare(adele, ann.id, {}, shareDeps);
      expect(revoked.share).toMatchObject({ status: 'revoked', inCall: 'remove_in_teams' });
      // A host who left long ago does not count.
      await hostHeartbeat(adele, meeting.id, deps);
      clock = new Date(clock.getTime() + HOST_PRESENCE_TTL_MS + 1);
      const listed = (await listShares(adele, meeting.id, shareDeps)).shares.find((s) => s.id === ann.id);
      expect(listed?.inCall).toBe('remove_in_teams');
    },
  );

  it.skipIf(skip)(
    'revoking a guest in the call while a host beats: requested, carried out by the host’s client, then removed',
    async () => {
      const { ann, bob, annId } = await twoGuests();
      await setStatus(ann.id, 'joined');
      await setStatus(bob.id, 'left');
      expect((await hostHeartbeat(adele, meeting.id, deps)).removals).toEqual([]);

      const revoked = await revokeShare(adele, ann.id, {}, shareDeps);
      expect(revoked.share.inCall).toBe('removal_requested');
      // A guest who had left needs no removal.
      expect((await revokeShare(adele, bob.id, {}, shareDeps)).share.inCall).toBeNull();

      const beat = await hostHeartbeat(adele, meeting.id, deps);
      expect(beat.removals).toEqual([{ shareId: ann.id, guestEmail: ann.guestEmail, acsUserIds: [annId] }]);
      // Revoking again asks for nothing new.
      await revokeShare(adele, ann.id, {}, shareDeps);
      expect((await hostHeartbeat(adele, meeting.id, deps)).removals).toHaveLength(1);

      // Only someone who may host the meeting reports it.
      expect((await refusal(reportRemoval(megan, meeting.id, ann.id, { outcome: 'removed' }, {}, deps))).code).toBe(
        'not_found',
      );
      expect((await refusal(reportRemoval(adele, meeting.id, ann.id, { outcome: 'gone' }, {}, deps))).code).toBe(
        'validation_failed',
      );
      expect(await reportRemoval(adele, meeting.id, ann.id, { outcome: 'removed' }, {}, deps)).toEqual({
        outcome: 'removed',
      });
      const listed = (await listShares(adele, meeting.id, shareDeps)).shares;
      expect(listed.find((s) => s.id === ann.id)?.inCall).toBe('removed');
      expect(listed.find((s) => s.id === bob.id)?.inCall).toBeNull();
      expect((await hostHeartbeat(adele, meeting.id, deps)).removals).toEqual([]);
      // Settled once: a second report is refused rather than rewriting what happened.
      expect((await refusal(reportRemoval(adele, meeting.id, ann.id, { outcome: 'not_in_call' }, {}, deps))).code).toBe(
        'conflict',
      );
      const { events } = await listMeetingAudit(adele, meeting.id, {}, shareDeps);
      expect(events.map((e) => e.action)).toContain('share.removed_from_call');
    },
  );

  it.skipIf(skip)('a host who leaves stops counting at once', async () => {
    const { ann } = await twoGuests();
    await setStatus(ann.id, 'in_lobby');
    await hostHeartbeat(adele, meeting.id, deps);
    await hostLeft(adele, meeting.id, deps);
    expect((await revokeShare(adele, ann.id, {}, shareDeps)).share.inCall).toBe('remove_in_teams');
  });
});
