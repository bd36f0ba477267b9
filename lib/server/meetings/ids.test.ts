import { describe, expect, it } from 'vitest';
import { MeetingIdParams, meetingIdFromPath, meetingPagePath } from './ids';

// A Graph id with every character that needs care in a URL path.
const ID = 'MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi+/++Kg==';

describe('meeting ids in Vestibule URLs', () => {
  it('round-trips an id with / + = through the page path', () => {
    const path = meetingPagePath(ID);
    expect(path).toBe('/portal/meetings/MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi%2B%2F%2B%2BKg%3D%3D');
    expect(meetingIdFromPath(path.slice('/portal/meetings/'.length))).toBe(ID);
  });

  it('accepts a segment the framework already decoded', () => {
    expect(meetingIdFromPath(ID)).toBe(ID);
  });

  it('refuses segments that cannot be an id', () => {
    expect(meetingIdFromPath('%E0%A4%A')).toBeUndefined();
    expect(meetingIdFromPath('')).toBeUndefined();
    expect(MeetingIdParams.safeParse({ meetingId: 'x'.repeat(513) }).success).toBe(false);
    expect(MeetingIdParams.parse({ meetingId: encodeURIComponent(ID) })).toEqual({ meetingId: ID });
  });
});
