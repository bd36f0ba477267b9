/**
 * Finds the Teams meeting a `join` frame names, in the emulator's own meetings store: by join link
 * (every shape Vestibule's link module accepts: long `meetup-join`, short `/meet/<id>?p=`, wrappers
 * such as Safe Links or the launcher) or by meeting ID + passcode.
 *
 * The link module (`lib/teams/meeting-link.ts`) is pure and isomorphic, so the emulator reuses it
 * instead of keeping a second parser that could drift from what the app sends.
 */
import { parseMeetingId, parseMeetingLink, type MeetingLinkResult } from '../../lib/teams/meeting-link';
import type { MeetingLocator } from '../../lib/contracts/calling-protocol';
import type { Db } from '../store/db';
import { findMeetingsByJoinMeetingId, findMeetingsByJoinUrl, type StoredMeeting } from '../store/meetings';

export type MeetingLookup =
  | { ok: true; stored: StoredMeeting }
  | { ok: false; end: 'meetingNotFound' | 'badPasscode' | 'teamsForHome'; reason: string };

const notFound = (reason = 'No Teams meeting matches that link or meeting ID.'): MeetingLookup => ({
  ok: false,
  end: 'meetingNotFound',
  reason,
});

function organizersWithMeetings(db: Db): string[] {
  return (db.prepare('SELECT DISTINCT organizer_id FROM meetings').all() as { organizer_id: string }[]).map(
    (r) => r.organizer_id,
  );
}

function byJoinMeetingId(db: Db, meetingId: string, passcode: string | undefined): MeetingLookup {
  const digits = meetingId.replace(/\s+/g, '');
  const orgs = db.prepare('SELECT DISTINCT organizer_id FROM meetings WHERE join_meeting_id = ?').all(digits) as {
    organizer_id: string;
  }[];
  const stored = orgs.flatMap((o) => findMeetingsByJoinMeetingId(db, o.organizer_id, digits))[0];
  if (!stored) return notFound('No Teams meeting has that meeting ID.');
  const settings = stored.meeting.joinMeetingIdSettings;
  // Teams passcodes are case-sensitive.
  if (settings.isPasscodeRequired && passcode !== settings.passcode) {
    return {
      ok: false,
      end: 'badPasscode',
      reason: passcode ? 'The meeting passcode is wrong.' : 'The meeting needs a passcode.',
    };
  }
  return { ok: true, stored };
}

function fromParsed(db: Db, parsed: MeetingLinkResult): MeetingLookup {
  if (!parsed.ok) {
    if (parsed.error.code === 'teams_for_home') {
      return {
        ok: false,
        end: 'teamsForHome',
        reason: 'Teams for home (teams.live.com) meetings cannot be joined from Azure Communication Services.',
      };
    }
    if (parsed.error.code === 'invalid_passcode')
      return { ok: false, end: 'badPasscode', reason: parsed.error.message };
    return notFound(parsed.error.message);
  }
  const locator = parsed.locator;
  if (locator.kind === 'joinUrl') {
    const orgs = locator.organizerId ? [locator.organizerId] : organizersWithMeetings(db);
    for (const org of orgs) {
      const found = findMeetingsByJoinUrl(db, org, locator.joinWebUrl)[0];
      if (found) return { ok: true, stored: found };
    }
    return notFound();
  }
  return byJoinMeetingId(db, locator.meetingId, locator.passcode);
}

export function findMeeting(db: Db, locator: MeetingLocator): MeetingLookup {
  if ('joinUrl' in locator) return fromParsed(db, parseMeetingLink(locator.joinUrl));
  return fromParsed(db, parseMeetingId(locator.meetingId, locator.passcode));
}
