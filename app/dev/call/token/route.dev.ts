import { z } from 'zod';
import { getConfig } from '@/lib/config.js';
import { refreshGuestToken } from '@/lib/server/acs/identity';
import { AppError } from '@/lib/server/errors';
import { route } from '@/lib/server/http/route';
import { parseInput } from '@/lib/server/validation';

const Query = z.object({ userId: z.string().regex(/^8:acs:[\w-]+$/, 'not an ACS user id') });

// POST /dev/call/token?userId=… — DEVELOPMENT ONLY: a fresh token for the dev call page's guest
export const POST = route(async ({ req }) => {
  const config = getConfig();
  if (!config.devPages || config.cloud !== 'local') throw new AppError('not_found', 'Not found.');
  const { userId } = parseInput(Query, Object.fromEntries(new URL(req.url).searchParams));
  return refreshGuestToken(userId);
});
