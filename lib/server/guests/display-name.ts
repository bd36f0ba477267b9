import 'server-only';
import { z } from 'zod';
import { checkDisplayName, DISPLAY_NAME_EMPTY } from '@/lib/api/display-name';

export { DISPLAY_NAME_MAX } from '@/lib/api/display-name';

/** The guest's display name as the token route accepts it: the one rule of `lib/api/display-name.ts`. */
export const DisplayName = z.string({ error: DISPLAY_NAME_EMPTY }).transform((raw, ctx) => {
  const checked = checkDisplayName(raw);
  if (checked.ok) return checked.value;
  ctx.addIssue({ code: 'custom', message: checked.message, input: raw });
  return z.NEVER;
});

/** Body of POST /api/shares/{shareId}/token. */
export const TokenRequest = z.object({ displayName: DisplayName });
