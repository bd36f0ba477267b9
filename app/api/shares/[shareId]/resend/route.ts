import { z } from 'zod';
import { requestMeta } from '@/lib/server/audit';
import { staffRoute } from '@/lib/server/http/route';
import { parseInput } from '@/lib/server/validation';
import { resendShare } from '@/lib/server/shares';

const Params = z.object({ shareId: z.string().min(1).max(64) });

// POST /api/shares/{shareId}/resend — send the invitation e-mail again
export const POST = staffRoute<{ shareId: string }>(async ({ req, params, staff }) => {
  const { shareId } = parseInput(Params, params);
  return resendShare(staff, shareId, requestMeta(req));
});
