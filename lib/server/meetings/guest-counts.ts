import 'server-only';
import type { Kysely } from 'kysely';
import type { CalendarMeeting } from '@/lib/api/meetings';
import { getDb, type Database } from '@/lib/server/db';

/**
 * How many guests each listed meeting has: invitations not revoked (expired ones included: they were
 * invited), and of those how many got into the call at least once (joined, or joined and left).
 *
 * Calendar events carry the join link, not the onlineMeeting id, so shares are matched by the join
 * link they copied from Graph's onlineMeeting (`joinWebUrl` is the event's `onlineMeeting.joinUrl`).
 * Only the organizer's own meetings get counts: those are the ones they can open and share; a
 * meeting they only attend is someone else's guest list.
 */
export async function withGuestCounts(meetings: CalendarMeeting[], db?: Kysely<Database>): Promise<CalendarMeeting[]> {
  const urls = [...new Set(meetings.filter((m) => m.isOrganizer && m.joinWebUrl).map((m) => m.joinWebUrl!))];
  if (urls.length === 0) return meetings;
  const executor = db ?? (await getDb());
  const rows = await executor
    .selectFrom('shares')
    .select((eb) => [
      'join_web_url',
      eb.fn.countAll().as('invited'),
      eb.fn.sum(eb.case().when('status', 'in', ['joined', 'left']).then(eb.lit(1)).else(eb.lit(0)).end()).as('joined'),
    ])
    .where('join_web_url', 'in', urls)
    .where('status', '<>', 'revoked')
    .groupBy('join_web_url')
    .execute();
  // PostgreSQL returns counts and sums as strings (bigint/numeric), SQLite as numbers.
  const counts = new Map(rows.map((r) => [r.join_web_url, { invited: Number(r.invited), joined: Number(r.joined) }]));
  return meetings.map((m) =>
    m.isOrganizer && m.joinWebUrl ? { ...m, guests: counts.get(m.joinWebUrl) ?? { invited: 0, joined: 0 } } : m,
  );
}
