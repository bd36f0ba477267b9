import { staffRoute } from '@/lib/server/http/route';
import { parseInput } from '@/lib/server/validation';
import { hostHeartbeat, hostLeft, MeetingIdParams } from '@/lib/server/meetings';

// POST /api/meetings/{meetingId}/host-presence — the host's client beats while in the meeting; the
// answer lists the removals (guests revoked while in the call) it should carry out
export const POST = staffRoute<{ meetingId: string }>(async ({ params, staff }) => {
  const { meetingId } = parseInput(MeetingIdParams, params);
  return hostHeartbeat(staff, meetingId);
});

// DELETE /api/meetings/{meetingId}/host-presence — the host left the call
export const DELETE = staffRoute<{ meetingId: string }>(async ({ params, staff }) => {
  const { meetingId } = parseInput(MeetingIdParams, params);
  await hostLeft(staff, meetingId);
  return new Response(null, { status: 204 });
});
