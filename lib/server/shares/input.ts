import 'server-only';
import { z } from 'zod';
import { LOCALES } from '@/lib/i18n/locales';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const emptyToUndefined = (v: string | null | undefined) => (v ? v : undefined);

const Guest = z.object({
  /** The guest's language for the invitation mail and their pages; omitted: English mail, browser decides. */
  language: z
    .enum(LOCALES, { error: `Choose one of the languages offered (${LOCALES.join(', ')}).` })
    .nullish()
    .transform((v) => v ?? undefined),
  email: z
    .string({ error: 'Enter an e-mail address.' })
    .trim()
    .toLowerCase()
    .max(254, 'This e-mail address is too long.')
    .pipe(z.email('Enter a valid e-mail address, like name@example.com.')),
  name: z
    .string()
    .trim()
    .max(80, 'Keep the name to 80 characters or fewer.')
    // A name ends up in mail headers and in Teams: one line, no control characters.
    .regex(/^[^\p{Cc}]*$/u, 'The name cannot contain line breaks or control characters.')
    .nullish()
    .transform(emptyToUndefined),
});

/** What staff send to share a meeting (POST /api/meetings/{meetingId}/shares). */
export const CreateSharesInput = z
  .object({
    guests: z
      .array(Guest, { error: 'Add at least one guest.' })
      .min(1, 'Add at least one guest.')
      .max(20, 'Invite at most 20 guests at a time.'),
    message: z
      .string()
      .trim()
      .max(1000, 'Keep the message to 1000 characters or fewer.')
      .nullish()
      .transform(emptyToUndefined),
    expiresAt: z.iso
      .datetime({ offset: true, error: 'Give the expiry as a date and time, like 2026-12-01T18:00:00Z.' })
      .nullish()
      .transform(emptyToUndefined),
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, 'Unknown time zone: use an IANA name like Europe/Berlin.')
      .nullish()
      .transform(emptyToUndefined),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.guests.forEach((guest, i) => {
      if (seen.has(guest.email)) {
        ctx.addIssue({
          code: 'custom',
          path: ['guests', i, 'email'],
          message: `${guest.email} is listed more than once.`,
        });
      }
      seen.add(guest.email);
    });
  });

export type CreateSharesInput = z.input<typeof CreateSharesInput>;
