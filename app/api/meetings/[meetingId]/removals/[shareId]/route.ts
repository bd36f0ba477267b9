import { z } from 'zod';
import { requestMeta } from '@/lib/server/audit';
import { readJson, staffRoute } from '@/lib/server/http/route';
import { parseInput } from '@/lib/server/validation';
import { MeetingIdParams, reportRemoval } from '@/lib/server/meetings';

const Params = MeetingIdParams.extend({ shareId: z.string().min(1).max(64) });

// POST /api/meetings/{meetingId}/removals/{shareId} — the host's client reports a pending removal
// done ('removed') or moot ('not_in_call'); staff who may host the meeting only
export const POST = staffRoute<{ meetingId: string; shareId: string }>(async ({ req, params, staff }) => {
  const { meetingId, shareId } = parseInput(Params, params);
  return reportRemoval(staff, meetingId, shareId, await readJson(req, 1024), requestMeta(req));
});
