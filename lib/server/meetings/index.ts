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
export { summarize, type CalendarMeeting, type Meeting, type MeetingSummary } from './types';
