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

/** A Teams meeting on the staff member's calendar (an event; its onlineMeeting id is looked up when opened). */
export interface CalendarMeeting {
  eventId: string;
  subject: string;
  start: string;
  end: string;
  organizerName?: string;
  organizerEmail?: string;
  /** Present when the event has a Teams-for-work join link, i.e. it can be shared with guests. */
  joinWebUrl?: string;
  isOrganizer: boolean;
}

/** What the staff pages and API return about a meeting: everything but the passcode. */
export type MeetingSummary = Omit<Meeting, 'passcode'> & { hasPasscode: boolean };

export function summarize(meeting: Meeting): MeetingSummary {
  const { passcode, ...rest } = meeting;
  return { ...rest, hasPasscode: Boolean(passcode) };
}
