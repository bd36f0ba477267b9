import { badRequest } from './errors';

export type MeetingFilter = { kind: 'joinWebUrl'; value: string } | { kind: 'joinMeetingId'; value: string };

// One comparison, as Graph supports on onlineMeetings: <property> eq '<literal>' ('' escapes a quote).
const CLAUSE = /^\s*([A-Za-z][A-Za-z0-9/]*)\s+eq\s+'((?:[^']|'')*)'\s*$/;

/** Parses the onlineMeetings `$filter`; bad syntax or another property → 400 BadRequest like Graph. */
export function parseMeetingFilter(filter: string): MeetingFilter {
  const m = CLAUSE.exec(filter);
  if (!m) throw badRequest(`Invalid filter clause: the query specified in the URI is not valid: '${filter}'.`);
  const property = (m[1] ?? '').toLowerCase();
  const value = (m[2] ?? '').replace(/''/g, "'");
  if (property === 'joinweburl') return { kind: 'joinWebUrl', value };
  if (property === 'joinmeetingidsettings/joinmeetingid') return { kind: 'joinMeetingId', value };
  throw badRequest(
    `Filter on property '${m[1] ?? ''}' is not supported. Use JoinWebUrl or joinMeetingIdSettings/joinMeetingId.`,
  );
}
