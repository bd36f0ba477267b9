export {
  forgetCalendar,
  getMeeting,
  listCalendarMeetings,
  listUpcomingMeetings,
  lookupMeeting,
  scheduleMeeting,
  type LookupInput,
  type ScheduleInput,
} from './service';
export { hostCallPagePath, hostTokenPath, MeetingIdParams, meetingIdFromPath, meetingPagePath } from './ids';
export { summarize, type CalendarMeeting, type Meeting, type MeetingSummary } from './types';
export { hostCall, type HostCall } from './host';
export {
  defaultHostLobbyDeps,
  hostHeartbeat,
  hostLeft,
  meetingIdentities,
  reportRemoval,
  type HostLobbyDeps,
} from './host-lobby';
export { inCallRemovalViews, requestRemovalIfInCall } from './in-call-store';
export { withGuestCounts } from './guest-counts';
