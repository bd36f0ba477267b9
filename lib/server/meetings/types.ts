import type { CalendarMeeting, MeetingSummary } from '@/lib/api/meetings';

export type { CalendarMeeting, MeetingSummary };

/** A Teams meeting as Vestibule uses it, read from Graph's onlineMeeting. */
export interface Meeting {
  /** Graph onlineMeeting id (opaque; URL-encode it in paths). */
  id: string;
  subject: string;
  startDateTime: string;
  endDateTime: string;
  joinWebUrl: string;
  /** Numeric meeting ID and passcode; server-side only, never sent to guests' browsers. */
  joinMeetingId?: string;
  passcode?: string;
  organizer: { id: string; name?: string; upn?: string };
  /** Who bypasses the lobby: 'organizer' | 'organization' | 'organizationAndFederated' | 'everyone' | 'invited' | … */
  lobbyBypassScope: string;
  chatThreadId?: string;
}

export function summarize(meeting: Meeting): MeetingSummary {
  const { passcode, ...rest } = meeting;
  return { ...rest, hasPasscode: Boolean(passcode) };
}
