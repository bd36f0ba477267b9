/** The JSON the staff API sends about meetings. Plain types only (imported by the browser). */

/** A Teams meeting on the staff member's calendar (GET /api/meetings; the portal's meeting list). */
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
  /** The organizer's own meetings: invitations not revoked, and how many of those guests joined. */
  guests?: { invited: number; joined: number };
}

/** One meeting as staff see it (GET /api/meetings/{id}, lookup, schedule): everything but the passcode. */
export interface MeetingSummary {
  /** Graph onlineMeeting id (opaque; URL-encode it in paths). */
  id: string;
  subject: string;
  startDateTime: string;
  endDateTime: string;
  joinWebUrl: string;
  joinMeetingId?: string;
  organizer: { id: string; name?: string; upn?: string };
  lobbyBypassScope: string;
  chatThreadId?: string;
  /** Graph's `allowMeetingChat` ('enabled' | 'limited' | 'disabled'); absent when Graph did not say. */
  allowMeetingChat?: 'enabled' | 'limited' | 'disabled';
  hasPasscode: boolean;
}
