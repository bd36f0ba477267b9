import { z } from 'zod';
import { staffRoute } from '@/lib/server/http/route';
import { parseInput } from '@/lib/server/validation';
import { lookupMeeting, summarize } from '@/lib/server/meetings';

const lookupSchema = z.union([
  z.object({
    link: z.string().min(1, 'Paste a Teams meeting link.').max(4096, 'That is too long to be a meeting link.'),
  }),
  z.object({
    meetingId: z.string().min(1, 'Enter the meeting ID.').max(40),
    passcode: z.string().min(1, 'Enter the passcode.').max(40),
  }),
]);

// GET /api/meetings/lookup?link=… or ?meetingId=…&passcode=… — find a meeting from an invitation
export const GET = staffRoute(async ({ req, staff }) => {
  const input = parseInput(lookupSchema, Object.fromEntries(new URL(req.url).searchParams));
  return summarize(await lookupMeeting(staff, input));
});
