import { z } from 'zod';
import { staffRoute } from '@/lib/server/http/route';
import { MeetingIdParams } from '@/lib/server/meetings';
import { parseInput } from '@/lib/server/validation';
import { listMeetingAudit } from '@/lib/server/shares';

const Query = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() });

// GET /api/meetings/{meetingId}/audit?limit — who shared, sent, resent and revoked what, when and from where
export const GET = staffRoute<{ meetingId: string }>(async ({ req, params, staff }) => {
  const { meetingId } = parseInput(MeetingIdParams, params);
  const { limit } = parseInput(Query, Object.fromEntries(new URL(req.url).searchParams));
  return listMeetingAudit(staff, meetingId, { limit });
});
