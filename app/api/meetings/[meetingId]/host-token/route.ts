import { staffRoute } from '@/lib/server/http/route';
import { parseInput } from '@/lib/server/validation';
import { hostCall, MeetingIdParams } from '@/lib/server/meetings';

// POST /api/meetings/{meetingId}/host-token — a fresh call token for the signed-in employee to host
// their meeting (the host call page's token refresher); staff session only, and only for a meeting
// the employee can see through Graph (id percent-encoded)
export const POST = staffRoute<{ meetingId: string }>(async ({ params, staff }) => {
  const { meetingId } = parseInput(MeetingIdParams, params);
  const { token } = await hostCall(staff, meetingId);
  return { token: token.token, expiresOn: token.expiresOn };
});
