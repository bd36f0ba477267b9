import { requestMeta } from '@/lib/server/audit';
import { readJson, staffRoute } from '@/lib/server/http/route';
import { MeetingIdParams } from '@/lib/server/meetings';
import { parseInput } from '@/lib/server/validation';
import { CreateSharesInput, createShares, listShares } from '@/lib/server/shares';

// GET /api/meetings/{meetingId}/shares — every invitation to this meeting, with status and delivery
export const GET = staffRoute<{ meetingId: string }>(async ({ params, staff }) => {
  const { meetingId } = parseInput(MeetingIdParams, params);
  return listShares(staff, meetingId);
});

// POST /api/meetings/{meetingId}/shares — invite guests: one share and one e-mail per guest
export const POST = staffRoute<{ meetingId: string }>(async ({ req, params, staff }) => {
  const { meetingId } = parseInput(MeetingIdParams, params);
  const input = parseInput(CreateSharesInput, await readJson(req));
  return Response.json(await createShares(staff, meetingId, input, requestMeta(req)), { status: 201 });
});
