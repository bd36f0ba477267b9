import 'server-only';
import { getConfig } from '@/lib/config.js';
import { meetingAllowsGuestChat } from '@/lib/server/acs/chat-scope';
import { exchangeTeamsUserToken, type CallToken } from '@/lib/server/acs/identity';
import { acsTeamsAccessToken, type Staff } from '@/lib/server/auth/staff';
import { getDb } from '@/lib/server/db';
import { log } from '@/lib/server/log';
import { setMeetingChat } from '@/lib/server/shares/store';
import { getMeeting } from './service';
import type { Meeting } from './types';

/** What the host's call client needs: who joins, with which token, into which meeting. */
export interface HostCall {
  meeting: Meeting;
  token: CallToken;
  /** The meeting allows chat (Graph's allowMeetingChat): the host page offers it where the cloud can. */
  chat: boolean;
}

/**
 * A call token for the signed-in employee to join one of their meetings as themselves (a Teams user,
 * so the meeting gives them their own role: organizer or presenter, and the lobby to manage).
 *
 * The meeting is read through Graph first: only a meeting the employee can see there (delegated
 * access, i.e. one they organize) gets a token, so a guessed id yields not_found and no token. The
 * token itself is ACS's Teams-user exchange of an Entra token for the ACS Teams resource; it is valid
 * for every meeting the person may join, like the token Teams itself holds, which is why the meeting
 * check above is the route's guard and not a property of the token.
 */
export async function hostCall(staff: Staff, meetingId: string): Promise<HostCall> {
  const meeting = await getMeeting(staff, meetingId);
  await recordMeetingChat(meeting);
  const token = await exchangeTeamsUserToken({
    entraAccessToken: await acsTeamsAccessToken(staff),
    clientId: getConfig().entra.clientId,
    userObjectId: staff.id,
  });
  return { meeting, token, chat: meetingAllowsGuestChat(meeting.allowMeetingChat) };
}

/**
 * Graph has just said whether the meeting allows chat: the meeting's shares follow, so guests' next
 * tokens carry (or lose) the chat scope. Best effort: the host joining must not fail on it.
 */
async function recordMeetingChat(meeting: Meeting): Promise<void> {
  try {
    await setMeetingChat(await getDb(), { meetingId: meeting.id, allowMeetingChat: meeting.allowMeetingChat ?? null });
  } catch (error) {
    log.error({ err: error, meetingId: meeting.id }, "recording the meeting's chat setting failed");
  }
}
