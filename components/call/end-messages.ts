/**
 * What a guest reads when the call is over: ONE table from the way the call ended (the END entries
 * of the calling protocol, which are the codes ACS reports in `callEndReason`) and from the token
 * route's refusals, to a heading, what to do next, and whether Rejoin makes sense.
 */
import { END, type EndName } from '@/lib/contracts/calling-protocol';

export interface EndMessage {
  title: string;
  /** What to do now, in one or two sentences. */
  action: string;
  /** Rejoin is offered only where joining again can work (and the invitation is still valid). */
  canRejoin: boolean;
}

/** Refusals of `POST /api/shares/{id}/token`, at join or at a refresh during the call. */
export type TokenRefusal = 'withdrawn' | 'expired' | 'signedOut';

const ASK_INVITER =
  'Ask the person who invited you to check the meeting, or whether their organization lets guests join Teams meetings from other apps.';

export const END_MESSAGES: Record<EndName, EndMessage> = {
  left: { title: 'You left the meeting', action: 'If you left by mistake, join again.', canRejoin: true },
  endedForEveryone: {
    title: 'The meeting has ended',
    action: 'The organizer ended the meeting for everyone. You can close this page.',
    canRejoin: false,
  },
  deniedFromLobby: {
    title: 'You were not let into the meeting',
    action:
      'Someone in the meeting declined your request to join. If you think this was a mistake, contact the person who invited you.',
    canRejoin: true,
  },
  lobbyTimeout: {
    title: 'Nobody let you in',
    action: 'You waited in the lobby for a long time and nobody admitted you. Check the meeting time, then join again.',
    canRejoin: true,
  },
  removed: {
    title: 'You were removed from the meeting',
    action: 'Someone in the meeting removed you. If you think this was a mistake, contact the person who invited you.',
    canRejoin: true,
  },
  dropped: {
    title: 'Your connection was lost',
    action: 'Check your internet connection, then join again.',
    canRejoin: true,
  },
  unauthorized: {
    title: 'Your access to the meeting ended',
    action: 'Join again: Vestibule will ask for new access. If that is refused, the page says why.',
    canRejoin: true,
  },
  // ACS does not tell a caller whether the meeting is unknown or the organization blocks anonymous joins.
  invalidMeeting: { title: 'We couldn’t get you into this meeting', action: ASK_INVITER, canRejoin: false },
  teamsForHome: { title: 'We couldn’t get you into this meeting', action: ASK_INVITER, canRejoin: false },
  callFull: {
    title: 'The meeting is full',
    action: 'No more people can join right now. Try again later, or contact the person who invited you.',
    canRejoin: true,
  },
  serviceError: {
    title: 'Something went wrong joining the meeting',
    action: 'The calling service had a problem. Wait a moment, then join again.',
    canRejoin: true,
  },
};

export const TOKEN_REFUSAL_MESSAGES: Record<TokenRefusal, EndMessage> = {
  withdrawn: {
    title: 'Your invitation was withdrawn',
    action:
      'The person who invited you withdrew this invitation. If you still need to join, ask them to invite you again.',
    canRejoin: false,
  },
  expired: {
    title: 'Your invitation has expired',
    action: 'If the meeting is still going on, ask the person who invited you for a new invitation.',
    canRejoin: false,
  },
  signedOut: {
    title: 'You are signed out',
    action: 'Your sign-in for this invitation ended. Open your invitation again and sign in to rejoin.',
    canRejoin: false,
  },
};

/** Anything ACS reports that is none of the above: say so plainly, and let them try again. */
const UNKNOWN_END: EndMessage = {
  title: 'The call ended',
  action: 'The call ended unexpectedly. Join again; if it keeps happening, contact the person who invited you.',
  canRejoin: true,
};

/** Anonymous join blocked by the organization comes back from ACS as a 403 (subcodes such as 5221/5222). */
const FORBIDDEN: EndMessage = {
  title: 'We couldn’t get you into this meeting',
  action: ASK_INVITER,
  canRejoin: false,
};

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
