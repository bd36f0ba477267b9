import 'server-only';
import type { Kysely } from 'kysely';
import { record, type RequestMeta } from '@/lib/server/audit';
import { meetingAllowsGuestChat } from '@/lib/server/acs/chat-scope';
import type { CallToken, GuestGrant } from '@/lib/server/acs/identity';
import type { Database } from '@/lib/server/db';
import type { ShareTable } from '@/lib/server/db/schema';
import { AppError } from '@/lib/server/errors';
import { parseInput } from '@/lib/server/validation';
import { log } from '@/lib/server/log';
import { addShareIdentity, findShare } from '@/lib/server/shares/store';
import { defaultGuestDeps, type GuestDeps } from './deps';
import { TokenRequest } from './display-name';
import { consumeRate, minutesText } from './rate-limit';
import { auditRefusal, guestEvent, guestShare, WITHDRAWN } from './share-access';
import type { GuestSession } from './sessions';

/** Where the guest's client joins: the share's own meeting, and nothing else. */
export type MeetingLocator =
  | { kind: 'teamsMeetingLink'; meetingLink: string }
  | { kind: 'teamsMeetingId'; meetingId: string; passcode: string | null };

export interface ShareToken {
  token: string;
  expiresOn: string;
  userId: string;
  displayName: string;
  locator: MeetingLocator;
  /**
   * Whether this token carries the meeting's chat (the meeting allows it), so the page shows chat
   * exactly when the token can use it. `acsEndpoint`: the ACS resource's public endpoint, which the
   * browser's chat client needs in azure mode (it is no secret: the access key never leaves the server).
   */
  chat: { enabled: boolean; acsEndpoint?: string };
}

/** Guest requests a client makes: the first token, refreshes (about hourly), page reloads, statuses. */
const REQUESTS_PER_SESSION = 30;
const REQUESTS_PER_CLIENT = 120;
const WINDOW_MS = 10 * 60_000;

export interface GuestRequest {
  /** The guest session cookie's value, if the request had one. */
  sessionToken: string | undefined;
  shareId: string;
  meta: RequestMeta;
}

/**
 * The guard in front of the token and status routes, with its refusals audited: a rate limit per
 * client and per session (429), then guestShare()'s 401/403/404/410.
 */
export async function authorizeGuestRequest(
  db: Kysely<Database>,
  request: GuestRequest,
  refusedAction: string,
  deps: GuestDeps,
  now: Date,
): Promise<{ session: GuestSession; share: ShareTable }> {
  try {
    await consumeRate(
      db,
      [
        {
          key: `guest-api:ip:${request.meta.ip ?? 'unknown'}`,
          limit: REQUESTS_PER_CLIENT * deps.clientLimitFactor(),
          windowMs: WINDOW_MS,
        },
        ...(request.sessionToken
          ? [{ key: `guest-api:session:${request.sessionToken}`, limit: REQUESTS_PER_SESSION, windowMs: WINDOW_MS }]
          : []),
      ],
      now,
      (minutes) => `Too many requests from this browser. Wait ${minutesText(minutes)} and try again.`,
    );
    return await guestShare(db, {
      sessionToken: request.sessionToken,
      shareId: request.shareId,
      now,
      staffSignedIn: () => deps.staffSignedIn(),
    });
  } catch (error) {
    // The share is named in the trail only when it exists, so junk ids never reach a meeting's activity.
    const share = await findShare(db, { id: request.shareId.slice(0, 64) }).catch(() => undefined);
    return auditRefusal(db, error, (code) =>
      guestEvent({ share, meta: request.meta, at: now }, refusedAction, { code }),
    );
  }
}

function locatorOf(share: ShareTable): MeetingLocator {
  if (share.join_web_url) return { kind: 'teamsMeetingLink', meetingLink: share.join_web_url };
  if (share.join_meeting_id)
    return { kind: 'teamsMeetingId', meetingId: share.join_meeting_id, passcode: share.passcode };
  throw new AppError('internal', 'This invitation has no meeting to join.');
}

const ACS_DOWN = 'The calling service could not be reached. Try again in a moment.';

/** The share's ACS identity, created on first use and reused after, with a fresh token. */
async function tokenFor(db: Kysely<Database>, share: ShareTable, grant: GuestGrant, deps: GuestDeps, now: Date) {
  const existing = await db
    .selectFrom('share_identities')
    .select('acs_user_id')
    .where('share_id', '=', share.id)
    .orderBy('created_at')
    .orderBy('acs_user_id')
    .executeTakeFirst();
  try {
    if (existing) return { token: await deps.refreshGuestToken(existing.acs_user_id, grant), created: false };
    // Two first requests racing may each create an identity; both are recorded, so revoking the
    // share still revokes every token, and later requests settle on the earliest.
    const token = await deps.issueGuestIdentity(grant);
    await addShareIdentity(db, { shareId: share.id, acsUserId: token.userId, at: now.toISOString() });
    return { token, created: true };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('upstream_unavailable', ACS_DOWN, { cause: error });
  }
}

/**
 * POST /api/shares/{shareId}/token: the only way a guest gets an ACS token. Who and which meeting
 * come from the guest session and the share, never from the request; the body only names the guest.
 * A voip token (plus the least chat scope when the meeting allows chat) for the shortest lifetime
 * ACS allows (60 min); a refresh is the same request again. A session that asks again while its last
 * token has most of its life left, under the same grant, gets that token again (GuestTokenCache),
 * after the same checks.
 */
export async function issueShareToken(
  request: GuestRequest,
  body: unknown,
  deps: GuestDeps = defaultGuestDeps,
): Promise<ShareToken> {
  const db = await deps.db();
  const now = deps.now();
  const { session, share } = await authorizeGuestRequest(db, request, 'guest.token_refused', deps, now);
  let displayName: string;
  try {
    displayName = parseInput(TokenRequest, body).displayName;
  } catch (error) {
    return auditRefusal(db, error, (code) =>
      guestEvent({ share, email: session.email, meta: request.meta, at: now }, 'guest.token_refused', { code }),
    );
  }
  // Decided on every request, refreshes included: the share's setting is the meeting's as last read from Graph.
  const grant: GuestGrant = { chat: meetingAllowsGuestChat(share.allow_meeting_chat) };
  const cacheKey = { sessionIdHash: session.idHash, shareId: share.id, chat: grant.chat };
  const reused = deps.tokenCache.reusable(cacheKey, now);
  const { token, created } = reused ? { token: reused, created: false } : await tokenFor(db, share, grant, deps, now);
  if (!reused) await assertNotRevokedMeanwhile(db, share, token, deps);
  // A reused token under the same name changes nothing staff can see, and its mint is in the trail
  // already; a new token or a new name is recorded.
  if (!reused || share.guest_name !== displayName) {
    await db.transaction().execute(async (trx) => {
      // The name staff see next to the invitation is the one Teams users see.
      await trx.updateTable('shares').set({ guest_name: displayName }).where('id', '=', share.id).execute();
      await record(
        guestEvent(
          { share: { ...share, guest_name: displayName }, email: session.email, meta: request.meta, at: now },
          'guest.token_issued',
          {
            guestEmail: session.email,
            displayName,
            acsUserId: token.userId,
            expiresOn: token.expiresOn,
            newIdentity: created,
            chat: grant.chat,
            ...(reused ? { reused: true } : {}),
          },
        ),
        trx,
      );
    });
  }
  // Held for reuse only once its mint is in the trail, so no token is ever handed out unrecorded.
  if (!reused) deps.tokenCache.remember(cacheKey, token);
  return {
    token: token.token,
    expiresOn: token.expiresOn,
    userId: token.userId,
    displayName,
    locator: locatorOf(share),
    chat: grant.chat ? { enabled: true, acsEndpoint: deps.acsEndpoint() } : { enabled: false },
  };
}

/**
 * Staff may revoke while the token is being minted; revocation revokes the identities it knows, and
 * this one may have been recorded just after. Checking again closes that gap.
 */
async function assertNotRevokedMeanwhile(db: Kysely<Database>, share: ShareTable, token: CallToken, deps: GuestDeps) {
  const current = await findShare(db, { id: share.id });
  if (current?.status !== 'revoked') return;
  await deps.revokeIdentityTokens([token.userId]).catch((error: unknown) => {
    log.error({ err: error, shareId: share.id }, 'revoking a token minted during revocation failed');
  });
  throw new AppError('gone', WITHDRAWN);
}
