/**
 * What a guest reads when the call is over: ONE table from the way the call ended (the END entries
 * of the calling protocol, which are the codes ACS reports in `callEndReason`) and from the token
 * route's refusals, to a message (heading and what to do next, worded per language in the `End`
 * namespace of lib/i18n/messages/*.json) and whether Rejoin makes sense.
 */
import { END, type EndName } from '@/lib/contracts/calling-protocol';

/**
 * The keys of the `End` namespace in lib/i18n/messages/*.json: each has a `title` (what happened) and an
 * `action` (what to do now, in one or two sentences), in the guest's language.
 */
export type EndMessageKey =
  | 'left'
  | 'endedForEveryone'
  | 'deniedFromLobby'
  | 'lobbyTimeout'
  | 'removed'
  | 'dropped'
  | 'unauthorized'
  | 'cannotJoin'
  | 'callFull'
  | 'serviceError'
  | 'withdrawn'
  | 'expired'
  | 'signedOut'
  | 'unknown'
  | 'joinFailed';

export interface EndMessage {
  key: EndMessageKey;
  /** Rejoin is offered only where joining again can work (and the invitation is still valid). */
  canRejoin: boolean;
  /** A technical detail worth showing as is (why a join failed), never the main message. */
  detail?: string;
}

/** Refusals of `POST /api/shares/{id}/token`, at join or at a refresh during the call. */
export type TokenRefusal = 'withdrawn' | 'expired' | 'signedOut';

const end = (key: EndMessageKey, canRejoin: boolean): EndMessage => ({ key, canRejoin });

// ACS does not tell a caller whether the meeting is unknown or the organization blocks anonymous
// joins: both say "ask the person who invited you" (`cannotJoin`).
const CANNOT_JOIN = end('cannotJoin', false);

export const END_MESSAGES: Record<EndName, EndMessage> = {
  left: end('left', true),
  endedForEveryone: end('endedForEveryone', false),
  deniedFromLobby: end('deniedFromLobby', true),
  lobbyTimeout: end('lobbyTimeout', true),
  removed: end('removed', true),
  dropped: end('dropped', true),
  unauthorized: end('unauthorized', true),
  invalidMeeting: CANNOT_JOIN,
  teamsForHome: CANNOT_JOIN,
  callFull: end('callFull', true),
  serviceError: end('serviceError', true),
};

export const TOKEN_REFUSAL_MESSAGES: Record<TokenRefusal, EndMessage> = {
  withdrawn: end('withdrawn', false),
  expired: end('expired', false),
  signedOut: end('signedOut', false),
};

/** Anything ACS reports that is none of the above: say so plainly, and let them try again. */
const UNKNOWN_END = end('unknown', true);

/** Anonymous join blocked by the organization comes back from ACS as a 403 (subcodes such as 5221/5222). */
const FORBIDDEN = CANNOT_JOIN;

/** Joining failed before any call existed (network, service error): a retry may work. */
export function joinFailedMessage(detail: string): EndMessage {
  return { key: 'joinFailed', canRejoin: true, detail };
}

/** Which END entry a `callEndReason` is; the first one wins where two share a code (invalidMeeting/teamsForHome). */
export function endNameOf(reason: { code: number; subCode?: number }): EndName | undefined {
  return (Object.keys(END) as EndName[]).find(
    (name) => END[name].code === reason.code && END[name].subCode === (reason.subCode ?? 0),
  );
}

/**
 * The message for how the call ended. A token refusal seen during the call explains an end better
 * than the socket's view of it (a refused refresh looks like a lost connection).
 */
export function endMessage(
  ended: { code: number; subCode?: number; noNetwork?: boolean },
  refusal?: TokenRefusal,
): EndMessage {
  if (refusal) return TOKEN_REFUSAL_MESSAGES[refusal];
  // The adapter reports a socket it lost for good as 0/0 with `noNetwork`: not a leave.
  if (ended.noNetwork) return END_MESSAGES.dropped;
  const name = endNameOf(ended);
  if (name) return END_MESSAGES[name];
  if (ended.code === 403) return FORBIDDEN;
  return UNKNOWN_END;
}

/**
 * Maps a refusal of the token route to what it means for the guest; undefined for answers that are
 * not about this guest's invitation (429, 5xx, network), which a retry may cure. The route answers
 * 410 for both a withdrawn and an expired invitation; only its message tells them apart.
 */
export function tokenRefusalOf(status: number, message = ''): TokenRefusal | undefined {
  if (status === 410) return /expired/i.test(message) ? 'expired' : 'withdrawn';
  if (status === 401 || status === 403) return 'signedOut';
  return undefined;
}
