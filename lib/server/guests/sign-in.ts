import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { record, type RequestMeta } from '@/lib/server/audit';
import type { Database } from '@/lib/server/db';
import type { GuestSignInTable, ShareTable } from '@/lib/server/db/schema';
import { LOCALES } from '@/lib/i18n/locales';
import { AppError } from '@/lib/server/errors';
import { parseInput } from '@/lib/server/validation';
import { defaultGuestDeps, type GuestDeps } from './deps';
import { consumeRate, minutesText } from './rate-limit';
import { CODE_DIGITS, hashCode, newCode, newOpaqueToken, newSalt, sameDigest, sha256 } from './secrets';
import { createGuestSession } from './sessions';
import { guestEvent, openShare } from './share-access';
import {
  claimCodeAttempt,
  endSignIn,
  findSignInByLink,
  insertSignIn,
  openSignIn,
  markSignedIn,
  supersedeOpenSignIns,
} from './sign-in-store';

export const SIGN_IN_MINUTES = 10;
export const MAX_CODE_ATTEMPTS = 5;
const WINDOW_MS = 15 * 60_000;
/** Sign-in mails: per typed address (mail bombing the guest) and per client (probing many addresses). */
const MAILS_PER_ADDRESS = 5;
/**
 * And per day, which bounds guessing: each sign-in judges at most MAX_CODE_ATTEMPTS codes, so an
 * attacker who knows the invited address gets 20 × 5 = 100 guesses a day out of 10^6 codes, a 1 in
 * 10,000 chance a day (1 in 200,000 per code within its 10 minutes), whatever their addresses.
 */
const MAILS_PER_ADDRESS_PER_DAY = 20;
const DAY_MS = 24 * 60 * 60_000;
const MAILS_PER_CLIENT = 20;
/** Code and link attempts per client, on top of the five wrong codes each sign-in allows. */
const ATTEMPTS_PER_CLIENT = 30;

const Email = z
  .string({ error: 'Enter your e-mail address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your e-mail address.')
  .max(254, 'This e-mail address is too long.')
  .pipe(z.email('Enter a valid e-mail address, like name@example.com.'));

export const SignInRequest = z.object({
  email: Email,
  // The language of the page the guest asks from: the sign-in mail is written in it. Anything else
  // (an old page, a hand-made request) gets English rather than a refusal.
  language: z.enum(LOCALES).optional().catch(undefined),
});
export const CodeRequest = z.object({
  email: Email,
  code: z
    .string({ error: 'Enter the code from the e-mail.' })
    // People paste "123 456" or with a stray space: only the digits matter.
    .transform((v) => v.replace(/\s+/g, ''))
    .pipe(
      z.string().regex(new RegExp(`^\\d{${CODE_DIGITS}}$`), `Enter the ${CODE_DIGITS}-digit code from the e-mail.`),
    ),
});
export const LinkRequest = z.object({ token: z.string().max(100) });

/** What the guest is told after asking for a sign-in mail, whatever the address was. */
export function signInRequestedMessage(email: string): string {
  return `If ${email} is the address this invitation was sent to, a sign-in e-mail with a link and a ${CODE_DIGITS}-digit code is on its way. It can take a minute to arrive; check your spam folder too.`;
}

export const WRONG_CODE =
  'That code is not valid. Check it against the latest sign-in e-mail (codes work once, for 10 minutes, and a new e-mail replaces older codes), or send a new code.';

const clientKey = (meta: RequestMeta) => meta.ip ?? 'unknown';
const tooMany = (what: string) => (minutes: number) =>
  `Too many ${what}. For your security, wait ${minutesText(minutes)} and try again.`;

/**
 * Step 1: the guest gives their e-mail address. Only the share's invited address gets a mail, but the
 * answer is the same either way (no one learns which address was invited), and the mail is sent
 * after the answer so its timing gives nothing away either. A new request supersedes older ones.
 */
export async function requestSignIn(
  shareId: string,
  body: unknown,
  meta: RequestMeta = {},
  deps: GuestDeps = defaultGuestDeps,
): Promise<{ message: string }> {
  const { email, language } = parseInput(SignInRequest, body);
  const db = await deps.db();
  const now = deps.now();
  const share = await openShare(db, shareId, now);
  await consumeRate(
    db,
    [
      { key: `sign-in:email:${email}`, limit: MAILS_PER_ADDRESS, windowMs: WINDOW_MS },
      { key: `sign-in:email-day:${email}`, limit: MAILS_PER_ADDRESS_PER_DAY, windowMs: DAY_MS },
      { key: `sign-in:ip:${clientKey(meta)}`, limit: MAILS_PER_CLIENT * deps.clientLimitFactor(), windowMs: WINDOW_MS },
    ],
    now,
    tooMany('sign-in e-mails were requested'),
  );
  if (email !== share.guest_email) {
    // Recorded for the organizer (someone tried another address); the address itself is not kept.
    await record(guestEvent({ share, meta, at: now }, 'guest.sign_in_other_address'), db);
    return { message: signInRequestedMessage(email) };
  }
  const token = newOpaqueToken();
  const code = newCode();
  const salt = newSalt();
  const row: GuestSignInTable = {
    id: randomUUID(),
    share_id: share.id,
    email,
    link_hash: sha256(token),
    code_salt: salt,
    code_hash: hashCode(code, salt, deps.codeKey()),
    failed_attempts: 0,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SIGN_IN_MINUTES * 60_000).toISOString(),
    ended_at: null,
    ended_reason: null,
  };
  await db.transaction().execute(async (trx) => {
    await supersedeOpenSignIns(trx, { shareId: share.id, at: row.created_at });
    await insertSignIn(trx, row);
    await record(guestEvent({ share, meta, at: now }, 'guest.sign_in_requested', { guestEmail: email }), trx);
  });
  const link = `${deps.appUrl().replace(/\/+$/, '')}/join/${share.id}/sign-in?token=${token}`;
  deps.defer(async () => {
    const sent = await deps.sendSignInMail({
      guestEmail: email,
      meetingSubject: share.meeting_subject,
      link,
      code,
      minutesValid: SIGN_IN_MINUTES,
      language,
    });
    if (!sent.ok) {
      await record(
        guestEvent({ share, meta, at: deps.now() }, 'guest.sign_in_mail_failed', {
          guestEmail: email,
          reason: sent.error,
        }),
        db,
      );
    }
  });
  return { message: signInRequestedMessage(email) };
}

export type LinkState = 'ready' | 'used' | 'superseded' | 'locked' | 'expired' | 'invalid';

/** A link is high-entropy, so holding one proves the mail was read: it may say exactly what is wrong. */
const LINK_REFUSAL: Record<Exclude<LinkState, 'ready'>, string> = {
  used: 'This sign-in link has already been used. To sign in again, send yourself a new one.',
  superseded:
    'A newer sign-in e-mail replaced this one. Use the link in the latest e-mail, or send yourself a new one.',
  locked: 'This sign-in was stopped after too many wrong codes. Send yourself a new one.',
  expired: `Sign-in links work for ${SIGN_IN_MINUTES} minutes, and this one has expired. Send yourself a new one.`,
  invalid: 'This sign-in link is not valid. Check that you opened the whole link, or send yourself a new one.',
};

export function linkRefusalMessage(state: Exclude<LinkState, 'ready'>): string {
  return LINK_REFUSAL[state];
}

function refuseLink(state: Exclude<LinkState, 'ready'>): AppError {
  return new AppError(state === 'invalid' ? 'not_found' : 'gone', LINK_REFUSAL[state]);
}

function stateOf(signIn: GuestSignInTable | undefined, shareId: string, now: Date): LinkState {
  if (!signIn || signIn.share_id !== shareId) return 'invalid';
  if (signIn.ended_reason === 'used') return 'used';
  if (signIn.ended_reason === 'superseded') return 'superseded';
  if (signIn.ended_reason === 'too_many_attempts') return 'locked';
  if (new Date(signIn.expires_at).getTime() <= now.getTime()) return 'expired';
  return 'ready';
}

async function findByLink(db: Kysely<Database>, token: string): Promise<GuestSignInTable | undefined> {
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? findSignInByLink(db, sha256(token)) : undefined;
}

/** For the link's landing page: whether the link can still be used, without using it up. */
export async function peekLink(shareId: string, token: string, deps: GuestDeps = defaultGuestDeps): Promise<LinkState> {
  return stateOf(await findByLink(await deps.db(), token), shareId, deps.now());
}

export interface SignedIn {
  email: string;
  sessionToken: string;
  expiresAt: Date;
}

/** Uses the sign-in up (only once, even when two requests race), opens a guest session, audits. */
async function complete(
  db: Kysely<Database>,
  share: ShareTable,
  signIn: GuestSignInTable,
  method: 'link' | 'code',
  meta: RequestMeta,
  now: Date,
): Promise<SignedIn | undefined> {
  return db.transaction().execute(async (trx) => {
    if (!(await endSignIn(trx, { id: signIn.id, at: now.toISOString(), reason: 'used' }))) return undefined;
    const session = await createGuestSession(trx, { email: signIn.email, now });
    const changed = await markSignedIn(trx, { shareId: share.id });
    await record(
      guestEvent({ share, email: signIn.email, meta, at: now }, 'guest.signed_in', {
        guestEmail: signIn.email,
        method,
        statusChanged: changed,
      }),
      trx,
    );
    return { email: signIn.email, sessionToken: session.token, expiresAt: session.expiresAt };
  });
}

/** Every sign-in attempt (link or code) is for an open share and counts against the client's limit. */
async function beginAttempt(shareId: string, meta: RequestMeta, deps: GuestDeps) {
  const db = await deps.db();
  const now = deps.now();
  const share = await openShare(db, shareId, now);
  await consumeRate(
    db,
    [
      {
        key: `verify:ip:${clientKey(meta)}`,
        limit: ATTEMPTS_PER_CLIENT * deps.clientLimitFactor(),
        windowMs: WINDOW_MS,
      },
    ],
    now,
    tooMany('sign-in attempts'),
  );
  return { db, now, share };
}

/** Step 2a: the one click on the link's landing page. */
export async function confirmLink(
  shareId: string,
  body: unknown,
  meta: RequestMeta = {},
  deps: GuestDeps = defaultGuestDeps,
): Promise<SignedIn> {
  const { token } = parseInput(LinkRequest, body);
  const { db, now, share } = await beginAttempt(shareId, meta, deps);
  const signIn = await findByLink(db, token);
  const state = stateOf(signIn, share.id, now);
  if (state !== 'ready' || !signIn) throw refuseLink(state === 'ready' ? 'invalid' : state);
  const done = await complete(db, share, signIn, 'link', meta, now);
  if (!done) throw refuseLink('used');
  return done;
}

/**
 * Step 2b: the code typed in. Every failure gets the same answer, whether the address was never
 * sent a code, the code is wrong, used, replaced or expired: a different answer would tell a
 * prober which address is the invited one. Five wrong codes end that sign-in.
 */
export async function verifyCode(
  shareId: string,
  body: unknown,
  meta: RequestMeta = {},
  deps: GuestDeps = defaultGuestDeps,
): Promise<SignedIn> {
  const { email, code } = parseInput(CodeRequest, body);
  const { db, now, share } = await beginAttempt(shareId, meta, deps);
  const wrong = new AppError('validation_failed', WRONG_CODE, { fields: { code: WRONG_CODE } });
  const signIn = await openSignIn(db, { shareId: share.id, email });
  // Hash even when there is nothing to compare with, so both paths take the same time.
  const digest = hashCode(code, signIn?.code_salt ?? 'none', deps.codeKey());
  if (!signIn || stateOf(signIn, share.id, now) !== 'ready') throw wrong;
  const attempt = await claimCodeAttempt(db, { id: signIn.id, max: MAX_CODE_ATTEMPTS });
  if (attempt === undefined) throw wrong;
  if (!sameDigest(digest, signIn.code_hash)) {
    if (
      attempt >= MAX_CODE_ATTEMPTS &&
      (await endSignIn(db, { id: signIn.id, at: now.toISOString(), reason: 'too_many_attempts' }))
    ) {
      await record(
        guestEvent({ share, meta, at: now }, 'guest.sign_in_locked', { guestEmail: email, failures: attempt }),
        db,
      );
    }
    throw wrong;
  }
  const done = await complete(db, share, signIn, 'code', meta, now);
  if (!done) throw wrong;
  return done;
}
