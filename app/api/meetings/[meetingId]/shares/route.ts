import { z } from 'zod';
import { requestMeta } from '@/lib/server/audit';
import { readJson, staffRoute } from '@/lib/server/http/route';
import { parseInput } from '@/lib/server/validation';
import { CreateSharesInput, createShares, listShares } from '@/lib/server/shares';

const Params = z.object({ meetingId: z.string().min(1).max(512) });

// GET /api/meetings/{meetingId}/shares — every invitation to this meeting, with status and delivery
export const GET = staffRoute<{ meetingId: string }>(async ({ params, staff }) => {
  const { meetingId } = parseInput(Params, params);
  return listShares(staff, meetingId);
});

// POST /api/meetings/{meetingId}/shares — invite guests: one share and one e-mail per guest
export const POST = staffRoute<{ meetingId: string }>(async ({ req, params, staff }) => {
  const { meetingId } = parseInput(Params, params);
  const input = parseInput(CreateSharesInput, await readJson(req));
  return Response.json(await createShares(staff, meetingId, input, requestMeta(req)), { status: 201 });
});
