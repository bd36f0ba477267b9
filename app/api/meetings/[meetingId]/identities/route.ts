import { staffRoute } from '@/lib/server/http/route';
import { parseInput } from '@/lib/server/validation';
import { meetingIdentities, MeetingIdParams } from '@/lib/server/meetings';

// GET /api/meetings/{meetingId}/identities — the ACS identities of the meeting's shares (who the host's
// lobby can mark as verified or withdrawn); staff who may host the meeting only
export const GET = staffRoute<{ meetingId: string }>(async ({ params, staff }) => {
  const { meetingId } = parseInput(MeetingIdParams, params);
  return meetingIdentities(staff, meetingId);
});
