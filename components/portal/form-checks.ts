/**
 * The obvious mistakes the staff forms catch in the browser, before a round trip: the server checks
 * everything again (lib/server/**, zod) and its field messages show the same way. Keys are the API's
 * field paths (`guests.1.email`), so either source lands next to the same input.
 */

/** Deliberately loose (something@something.tld): the server's check is the real one. */
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type FieldErrors = Record<string, string>;

export function checkInvite(guests: { email: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  guests.forEach((guest, i) => {
    const email = guest.email.trim().toLowerCase();
    const key = `guests.${i}.email`;
    if (!email) errors[key] = 'Enter an e-mail address.';
    else if (!LOOKS_LIKE_EMAIL.test(email)) errors[key] = 'Enter a valid e-mail address, like name@example.com.';
    else if (seen.has(email)) errors[key] = `${email} is listed more than once.`;
    seen.add(email);
  });
  return errors;
}

export function checkSchedule({ subject, start }: { subject: string; start: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (!subject.trim()) errors.subject = 'Give the meeting a subject.';
  if (Number.isNaN(new Date(start).getTime())) errors.start = 'Choose a start date and time.';
  return errors;
}

export function checkLookup(
  input: { mode: 'link'; link: string } | { mode: 'id'; meetingId: string; passcode: string },
): FieldErrors {
  if (input.mode === 'link') return input.link.trim() ? {} : { link: 'Paste the meeting link from the invitation.' };
  const errors: FieldErrors = {};
  if (!/\d/.test(input.meetingId)) errors.meetingId = 'Enter the meeting ID from the invitation.';
  if (!input.passcode.trim()) errors.passcode = 'Enter the passcode from the invitation.';
  return errors;
}
