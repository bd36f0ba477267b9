import type { CalendarMeeting, MeetingSummary } from '@/lib/api/meetings';

export type { CalendarMeeting, MeetingSummary };

/**
 * A Teams meeting as Vestibule uses it, read from Graph's onlineMeeting: what staff see, plus the
 * passcode (server-side only, never sent to guests' or staff browsers).
 */
export type Meeting = Omit<MeetingSummary, 'hasPasscode'> & { passcode?: string };

export function summarize(meeting: Meeting): MeetingSummary {
  const { passcode, ...rest } = meeting;
  return { ...rest, hasPasscode: Boolean(passcode) };
}
