import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarMeeting } from '@/lib/api/meetings';
import type { ShareTable } from '@/lib/server/db/schema';
import { testBackends, type TestDb } from '@/lib/server/shares/test-db';
import { withGuestCounts } from './guest-counts';

const LINK = (n: number) => `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${n}%40thread.v2/0`;

function share(n: number, guest: string, status: ShareTable['status']): ShareTable {
  const now = '2026-12-01T08:00:00.000Z';
  return {
    id: `share-${n}-${guest}`,
    meeting_id: `meeting-${n}`,
    meeting_subject: 'Review',
    meeting_start: now,
    meeting_end: now,
    organizer_id: 'org',
    organizer_name: null,
    join_web_url: LINK(n),
    join_meeting_id: null,
    passcode: null,
    guest_email: `${guest}@fabrikam.example`,
    guest_name: null,
    message: null,
    inviter_id: 'org',
    inviter_name: 'Olivia',
    inviter_email: 'olivia@contoso.test',
    time_zone: 'UTC',
    created_at: now,
    expires_at: now,
    status,
    delivery: 'sent',
    delivery_error: null,
    sent_at: now,
    revoked_at: null,
    revoked_by: null,
  };
}

const listed = (n: number, isOrganizer = true): CalendarMeeting => ({
  eventId: `event-${n}`,
  subject: `Meeting ${n}`,
  start: '2026-12-01T09:00:00.000Z',
  end: '2026-12-01T10:00:00.000Z',
  joinWebUrl: LINK(n),
  isOrganizer,
});

describe.each(testBackends(process.env.TEST_POSTGRES_URL))('guest counts on $name', ({ skip, open }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (skip) return;
    t = await open();
    await t.db
      .insertInto('shares')
      .values([
        share(1, 'ada', 'invited'),
        share(1, 'ben', 'joined'),
        share(1, 'cy', 'left'),
        share(1, 'dee', 'revoked'),
        share(3, 'eve', 'joined'),
      ])
      .execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.skipIf(skip)('counts live invitations and guests who joined, per meeting, as numbers', async () => {
    const [one, two] = await withGuestCounts([listed(1), listed(2)], t.db);
    expect(one?.guests).toEqual({ invited: 3, joined: 2 });
    expect(two?.guests).toEqual({ invited: 0, joined: 0 });
  });

  it.skipIf(skip)(
    "leaves meetings the employee only attends without counts: that guest list isn't theirs",
    async () => {
      const [attended] = await withGuestCounts([listed(3, false)], t.db);
      expect(attended?.guests).toBeUndefined();
    },
  );
});
