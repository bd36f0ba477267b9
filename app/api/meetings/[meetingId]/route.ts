import { staffRoute } from '@/lib/server/http/route';
import { parseInput } from '@/lib/server/validation';
import { getMeeting, MeetingIdParams, summarize } from '@/lib/server/meetings';

// GET /api/meetings/{meetingId} — one meeting the employee can see through Graph (id percent-encoded)
export const GET = staffRoute<{ meetingId: string }>(async ({ params, staff }) => {
  const { meetingId } = parseInput(MeetingIdParams, params);
  return summarize(await getMeeting(staff, meetingId));
});
