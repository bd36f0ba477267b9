import 'server-only';
import { AppError } from '@/lib/server/errors';

const HOUR_MS = 60 * 60_000;
/** Guests may stay a little after the scheduled end, as meetings often run over. */
const DEFAULT_GRACE_MS = HOUR_MS;
const MAX_EXPIRY_MS = 60 * 24 * HOUR_MS;

/** A meeting that has already ended can't be shared. */
function assertMeetingNotEnded(meetingEnd: Date, now: Date): void {
  if (meetingEnd.getTime() <= now.getTime()) {
    throw new AppError('gone', 'This meeting has already ended, so it can no longer be shared.');
  }
}

/**
 * When a new share stops working: by default one hour after the meeting ends; an explicit expiry
 * must be in the future and at most 60 days away (a guest's link should not live for ever).
 */
export function shareExpiry(input: { meetingEnd: Date; requested?: Date; now: Date }): Date {
  const { meetingEnd, requested, now } = input;
  assertMeetingNotEnded(meetingEnd, now);
  const latest = now.getTime() + MAX_EXPIRY_MS;
  if (meetingEnd.getTime() > latest) {
    // The share could not last until the meeting: refuse now rather than let it lapse unnoticed.
    throw new AppError(
      'validation_failed',
      'Vestibule can share meetings that end within the next 60 days. Share this one closer to the date.',
    );
  }
  if (requested === undefined) return new Date(Math.min(meetingEnd.getTime() + DEFAULT_GRACE_MS, latest));
  if (Number.isNaN(requested.getTime())) {
    throw new AppError('validation_failed', 'Choose a valid expiry date.', {
      fields: { expiresAt: 'Choose a valid expiry date.' },
    });
  }
  if (requested.getTime() <= now.getTime()) {
    const message = 'The expiry must be in the future.';
    throw new AppError('validation_failed', message, { fields: { expiresAt: message } });
  }
  if (requested.getTime() > latest) {
    const message = 'An invitation can last at most 60 days.';
    throw new AppError('validation_failed', message, { fields: { expiresAt: message } });
  }
  return requested;
}

/** Whether a share is past its expiry (the stored status never says 'expired'). */
export function isExpired(expiresAt: string, now: Date): boolean {
  return new Date(expiresAt).getTime() <= now.getTime();
}
