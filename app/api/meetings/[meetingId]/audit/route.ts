import { z } from 'zod';
import { staffRoute } from '@/lib/server/http/route';
import { parseInput } from '@/lib/server/validation';
import { listMeetingAudit } from '@/lib/server/shares';

const Params = z.object({ meetingId: z.string().min(1).max(512) });
const Query = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() });

// GET /api/meetings/{meetingId}/audit?limit — who shared, sent, resent and revoked what, when and from where
export const GET = staffRoute<{ meetingId: string }>(async ({ req, params, staff }) => {
  const { meetingId } = parseInput(Params, params);
  const { limit } = parseInput(Query, Object.fromEntries(new URL(req.url).searchParams));
  return listMeetingAudit(staff, meetingId, { limit });
});
