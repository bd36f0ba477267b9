import { describe, expect, it } from 'vitest';
import { checkInvite, checkLookup, checkSchedule } from './form-checks';

describe('checks before sending', () => {
  it('catches an empty, a malformed and a repeated guest address, each at its own row', () => {
    expect(
      checkInvite([
        { email: 'ada@fabrikam.example' },
        { email: '' },
        { email: 'ben at northwind' },
        { email: ' ADA@fabrikam.example ' },
      ]),
    ).toEqual({
      'guests.1.email': 'Enter an e-mail address.',
      'guests.2.email': 'Enter a valid e-mail address, like name@example.com.',
      'guests.3.email': 'ada@fabrikam.example is listed more than once.',
    });
    expect(checkInvite([{ email: 'ada@fabrikam.example' }])).toEqual({});
  });

  it('asks for a subject and a start before scheduling', () => {
    expect(checkSchedule({ subject: '   ', start: '' })).toEqual({
      subject: 'Give the meeting a subject.',
      start: 'Choose a start date and time.',
    });
    expect(checkSchedule({ subject: 'Review', start: '2026-12-01T09:00' })).toEqual({});
  });

  it('asks for a link, or a meeting ID and passcode, before looking up', () => {
    expect(checkLookup({ mode: 'link', link: ' ' })).toHaveProperty('link');
    expect(checkLookup({ mode: 'id', meetingId: '', passcode: '' })).toEqual({
      meetingId: 'Enter the meeting ID from the invitation.',
      passcode: 'Enter the passcode from the invitation.',
    });
    expect(checkLookup({ mode: 'id', meetingId: '123 456', passcode: 'abc' })).toEqual({});
  });
});
