import { staffRoute } from '@/lib/server/http/route';
import { getMeeting, summarize } from '@/lib/server/meetings';

// GET /api/meetings/{meetingId} — one meeting the employee can see through Graph
export const GET = staffRoute<{ meetingId: string }>(async ({ params, staff }) =>
  summarize(await getMeeting(staff, params.meetingId)),
);
