import { z } from 'zod';
import { requestMeta } from '@/lib/server/audit';
import { staffRoute } from '@/lib/server/http/route';
import { parseInput } from '@/lib/server/validation';
import { revokeShare } from '@/lib/server/shares';

const Params = z.object({ shareId: z.string().min(1).max(64) });

// DELETE /api/shares/{shareId} — revoke an invitation at once, and the guest's ACS tokens with it
export const DELETE = staffRoute<{ shareId: string }>(async ({ req, params, staff }) => {
  const { shareId } = parseInput(Params, params);
  return revokeShare(staff, shareId, requestMeta(req));
});
