import 'server-only';
import { z } from 'zod';

/**
 * Graph onlineMeeting ids are standard base64: they contain `/`, `+` and `=`. In Vestibule's own
 * URLs (`/portal/meetings/{id}`, `/api/meetings/{id}/…`) they travel percent-encoded as one path
 * segment (`encodeURIComponent`, so `/` is `%2F`). Depending on the route kind Next.js hands the
 * segment over decoded or not; base64 has no `%`, so decoding whatever still holds an escape gives
 * the id either way. Anything that does not decode, or is not a plausible id, is simply not found.
 */
export function meetingIdFromPath(segment: string): string | undefined {
  let id = segment;
  if (id.includes('%')) {
    try {
      id = decodeURIComponent(id);
    } catch {
      return undefined;
    }
  }
  return id.length > 0 && id.length <= 512 ? id : undefined;
}

/** Route params `{ meetingId }` with the id decoded; an impossible id fails validation. */
export const MeetingIdParams = z.object({
  meetingId: z.string().transform((segment, ctx) => {
    const id = meetingIdFromPath(segment);
    if (id === undefined) {
      ctx.addIssue({ code: 'custom', message: 'That is not a meeting id.' });
      return z.NEVER;
    }
    return id;
  }),
});

/** The path of a meeting's staff page. */
export const meetingPagePath = (id: string) => `/portal/meetings/${encodeURIComponent(id)}`;

/** The path of the staff page that joins a meeting as its host ("Join as host"). */
export const hostCallPagePath = (id: string) => `${meetingPagePath(id)}/call`;

/** The host call page's token refresh route. */
export const hostTokenPath = (id: string) => `/api/meetings/${encodeURIComponent(id)}/host-token`;
