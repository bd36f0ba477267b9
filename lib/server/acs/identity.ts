import 'server-only';
import { CommunicationIdentityClient, type TokenScope } from '@azure/communication-identity';
import { getConfig } from '@/lib/config.js';
import { azureSdkSpanPolicy } from '@/lib/server/telemetry';

/** How long one attempt at an ACS identity call may take; the SDK's own default is no limit. */
export const ACS_ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * Plain http is allowed only when config says so, i.e. for the local emulator. Every attempt gets
 * `timeoutMs` (the pipeline aborts the socket and fails the call with a timeout error).
 */
export function createIdentityClient(acs: {
  connectionString: string;
  allowInsecureConnection: boolean;
  timeoutMs?: number;
}): CommunicationIdentityClient {
  const timeoutMs = acs.timeoutMs ?? ACS_ATTEMPT_TIMEOUT_MS;
  return new CommunicationIdentityClient(acs.connectionString, {
    allowInsecureConnection: acs.allowInsecureConnection,
    // One quick retry: revocation is on a person's click and must not hang on a struggling service.
    retryOptions: { maxRetries: 1, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
    additionalPolicies: [
      // A trace span per attempt when OpenTelemetry is configured (a no-op otherwise).
      { position: 'perRetry', policy: azureSdkSpanPolicy },
      {
        position: 'perRetry',
        policy: {
          name: 'vestibuleAttemptTimeout',
          sendRequest: (request, next) => {
            request.timeout = timeoutMs;
            return next(request);
          },
        },
      },
    ],
  });
}

let client: CommunicationIdentityClient | undefined;

export function getIdentityClient(): CommunicationIdentityClient {
  client ??= createIdentityClient(getConfig().acs);
  return client;
}

/**
 * Revokes every access token of the given ACS identities. An identity ACS no longer knows (404) has
 * no usable tokens, so it counts as done. Throws an AggregateError when any revocation failed.
 */
export async function revokeIdentityTokens(
  acsUserIds: string[],
  identityClient: CommunicationIdentityClient = getIdentityClient(),
): Promise<void> {
  const results = await Promise.allSettled(
    acsUserIds.map((communicationUserId) => identityClient.revokeTokens({ communicationUserId })),
  );
  const failures = results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => r.reason as unknown)
    .filter((reason) => (reason as { statusCode?: number }).statusCode !== 404);
  if (failures.length > 0)
    throw new AggregateError(
      failures,
      `Revoking ACS tokens failed for ${failures.length} of ${acsUserIds.length} identities`,
    );
}

/** ACS allows 60–1440 minutes; guests get the shortest, and refresh through a guarded route. */
export const GUEST_TOKEN_MINUTES = 60;

export interface CallToken {
  userId: string;
  token: string;
  expiresOn: string;
}

/** What a guest's token may do beyond the call: whether the meeting lets them chat (chat-scope.ts). */
export interface GuestGrant {
  chat: boolean;
}

/**
 * The smallest scopes for a guest in one Teams meeting. `voip` joins the call. For the meeting's chat,
 * `chat.join.limited`: of ACS's three chat scopes it is the one that can neither create, update or
 * delete threads nor add or remove participants, and it still reads the thread, sends, edits and
 * deletes one's own messages, sends typing and read receipts and lists participants (ACS identity
 * model, "Chat token scopes") — all a guest in a meeting's chat does; Teams adds them to the thread.
 */
export function guestScopes(grant: GuestGrant): TokenScope[] {
  return grant.chat ? ['voip', 'chat.join.limited'] : ['voip'];
}

/** A new ACS identity with a token for one guest in one call. */
export async function issueGuestIdentity(
  grant: GuestGrant,
  identityClient: CommunicationIdentityClient = getIdentityClient(),
): Promise<CallToken> {
  const { user, token, expiresOn } = await identityClient.createUserAndToken(guestScopes(grant), {
    tokenExpiresInMinutes: GUEST_TOKEN_MINUTES,
  });
  return { userId: user.communicationUserId, token, expiresOn: expiresOn.toISOString() };
}

/**
 * A fresh token for an identity Vestibule issued before (token refresh). The scopes are decided
 * again on every refresh, so a meeting whose chat was turned off stops granting it within the hour.
 */
export async function refreshGuestToken(
  userId: string,
  grant: GuestGrant,
  identityClient: CommunicationIdentityClient = getIdentityClient(),
): Promise<CallToken> {
  const { token, expiresOn } = await identityClient.getToken({ communicationUserId: userId }, guestScopes(grant), {
    tokenExpiresInMinutes: GUEST_TOKEN_MINUTES,
  });
  return { userId, token, expiresOn: expiresOn.toISOString() };
}

/**
 * An ACS token for a Teams user (staff joining their own meeting as themselves), exchanged from an
 * Entra access token for the ACS Teams resource (`acsTeamsAccessToken`); ACS and the emulator refuse
 * a Graph token here.
 */
export async function exchangeTeamsUserToken(
  input: { entraAccessToken: string; clientId: string; userObjectId: string },
  identityClient: CommunicationIdentityClient = getIdentityClient(),
): Promise<CallToken> {
  const { token, expiresOn } = await identityClient.getTokenForTeamsUser({
    teamsUserAadToken: input.entraAccessToken,
    clientId: input.clientId,
    userObjectId: input.userObjectId,
  });
  return { userId: `8:orgid:${input.userObjectId}`, token, expiresOn: expiresOn.toISOString() };
}
