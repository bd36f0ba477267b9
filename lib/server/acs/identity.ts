import 'server-only';
import { CommunicationIdentityClient } from '@azure/communication-identity';
import { getConfig } from '@/lib/config.js';

/** Plain http is allowed only when config says so, i.e. for the local emulator. */
export function createIdentityClient(acs: {
  connectionString: string;
  allowInsecureConnection: boolean;
}): CommunicationIdentityClient {
  return new CommunicationIdentityClient(acs.connectionString, {
    allowInsecureConnection: acs.allowInsecureConnection,
    // One quick retry: revocation is on a person's click and must not hang on a struggling service.
    retryOptions: { maxRetries: 1, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
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
