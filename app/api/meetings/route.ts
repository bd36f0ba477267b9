import { z } from 'zod';
import { readJson, staffRoute } from '@/lib/server/http/route';
import { parseInput } from '@/lib/server/validation';
import { listCalendarMeetings, scheduleMeeting, summarize, withGuestCounts } from '@/lib/server/meetings';

const DAY_MS = 86_400_000;

const rangeSchema = z
  .object({
    from: z.iso.datetime({ offset: true, message: 'from must be an ISO date-time' }).optional(),
    to: z.iso.datetime({ offset: true, message: 'to must be an ISO date-time' }).optional(),
  })
  .transform(({ from, to }) => {
    const start = from ? new Date(from) : new Date();
    return { from: start, to: to ? new Date(to) : new Date(start.getTime() + 14 * DAY_MS) };
  })
  .refine(({ from, to }) => to > from && to.getTime() - from.getTime() <= 62 * DAY_MS, {
    message: 'to must be after from, at most 62 days later',
    path: ['to'],
  });

// GET /api/meetings?from&to — the employee's Teams meetings (default: the coming two weeks), with guest counts
export const GET = staffRoute(async ({ req, staff }) => {
  const range = parseInput(rangeSchema, Object.fromEntries(new URL(req.url).searchParams));
  return { value: await withGuestCounts(await listCalendarMeetings(staff, range)) };
});

const scheduleSchema = z.object({
  subject: z.string().trim().min(1, 'Give the meeting a subject.').max(200, 'Keep the subject under 200 characters.'),
  start: z.iso
    .datetime({ offset: true, message: 'Choose a start date and time.' })
    .transform((s) => new Date(s))
    .refine((d) => d.getTime() > Date.now() - 5 * 60_000, 'The start must be in the future.')
    .refine((d) => d.getTime() < Date.now() + 365 * DAY_MS, 'The start must be within a year.'),
  durationMinutes: z.number().int().min(15, 'At least 15 minutes.').max(480, 'At most 8 hours.'),
  lobbyBypassScope: z.enum(['organizer', 'organization', 'everyone']).default('organization'),
});

// POST /api/meetings — schedule a Teams meeting on the employee's calendar
export const POST = staffRoute(async ({ req, staff, log }) => {
  const input = parseInput(scheduleSchema, await readJson(req));
  const meeting = await scheduleMeeting(staff, input);
  log.info({ meetingId: meeting.id }, 'meeting scheduled');
  return Response.json(summarize(meeting), { status: 201 });
});
