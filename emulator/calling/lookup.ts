/**
 * Finds the Teams meeting a `join` frame names, in the emulator's own meetings store, from a locator
 * the strict parser (meeting-link.ts) accepted: a long link (tenant, organizer and thread), a short
 * link or a meeting ID with passcode. An unknown meeting, a wrong or missing passcode and a link ACS
 * wouldn't take all end the same way: ACS doesn't tell a caller which it was.
 */
import type { MeetingLocator } from '../../lib/contracts/calling-protocol';
import { TENANT_ID } from '../constants';
import type { Db } from '../store/db';
import { findMeetingsByJoinMeetingId, findMeetingsByJoinUrl, longJoinUrl, type StoredMeeting } from '../store/meetings';
import { parseJoinLink, parseMeetingId, type ParsedLocator } from './meeting-link';

export type MeetingLookup = { ok: true; stored: StoredMeeting } | { ok: false; end: 'invalidMeeting' | 'teamsForHome' };

const notFound: MeetingLookup = { ok: false, end: 'invalidMeeting' };

function byMeetingId(db: Db, meetingId: string, passcode: string): MeetingLookup {
  const orgs = db.prepare('SELECT DISTINCT organizer_id FROM meetings WHERE join_meeting_id = ?').all(meetingId) as {
    organizer_id: string;
  }[];
  const stored = orgs.flatMap((o) => findMeetingsByJoinMeetingId(db, o.organizer_id, meetingId))[0];
  if (!stored) return notFound;
  const settings = stored.meeting.joinMeetingIdSettings;
  if (settings.isPasscodeRequired && passcode !== settings.passcode) return notFound;
  return { ok: true, stored };
}

function byLocator(db: Db, locator: ParsedLocator): MeetingLookup {
  if (locator.kind === 'meetingId') return byMeetingId(db, locator.meetingId, locator.passcode);
  // The emulator has one tenant; a link from any other names a meeting it can't have.
  if (locator.tenantId !== TENANT_ID.toLowerCase()) return notFound;
  // Rebuilt in the emulator's canonical form, so key order or extra keys in the context don't matter.
  const stored = findMeetingsByJoinUrl(db, locator.organizerId, longJoinUrl(locator.threadId, locator.organizerId))[0];
  return stored ? { ok: true, stored } : notFound;
}

export function findMeeting(db: Db, locator: MeetingLocator): MeetingLookup {
  const parsed =
    'joinUrl' in locator ? parseJoinLink(locator.joinUrl) : parseMeetingId(locator.meetingId, locator.passcode);
  if (!parsed.ok) return { ok: false, end: parsed.why === 'teamsForHome' ? 'teamsForHome' : 'invalidMeeting' };
  return byLocator(db, parsed.locator);
}
