/**
 * The guest's two same-origin routes: a token for this share (`POST /api/shares/{id}/token`, also
 * the refresh) and the status staff see (`POST /api/shares/{id}/status`, best effort).
 */
import type { CallLocator } from '@/lib/calling/create-call-adapter';
import type { ChatGrant } from '@/lib/chat/create-call-session';
import { tokenRefusalOf, type TokenRefusal } from './end-messages';
import type { GuestStatus } from './call-machine';

export interface GuestToken {
  token: string;
  userId: string;
  displayName: string;
  locator: CallLocator;
  /** Whether this token carries the meeting's chat (and, in azure mode, where ACS is). */
  chat: ChatGrant;
}

type WireLocator =
  | { kind: 'teamsMeetingLink'; meetingLink: string }
  | { kind: 'teamsMeetingId'; meetingId: string; passcode: string | null };

/** A refusal of the token route that means the guest can't have a token now (withdrawn, expired, signed out). */
export class TokenRefusedError extends Error {
  constructor(
    readonly refusal: TokenRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'TokenRefusedError';
  }
}

const tokenUrl = (shareId: string) => `/api/shares/${encodeURIComponent(shareId)}/token`;
const statusUrl = (shareId: string) => `/api/shares/${encodeURIComponent(shareId)}/status`;

/**
 * A token for the signed-in guest of this share. Throws `TokenRefusedError` for 401/403/410, and a
 * plain Error with the route's message (or a network sentence) for anything else.
 */
export async function fetchGuestToken(shareId: string, displayName: string): Promise<GuestToken> {
  let response: Response;
  try {
    response = await fetch(tokenUrl(shareId), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ displayName }),
    });
  } catch {
    throw new Error('Vestibule could not be reached. Check your internet connection, then try again.');
  }
  const body = (await response.json().catch(() => ({}))) as {
    token?: string;
    userId?: string;
    displayName?: string;
    locator?: WireLocator;
    chat?: { enabled?: unknown; acsEndpoint?: unknown };
    error?: { message?: string };
  };
  if (!response.ok) {
    const message = body.error?.message ?? `The meeting could not be joined (${response.status}).`;
    const refusal = tokenRefusalOf(response.status, message);
    throw refusal ? new TokenRefusedError(refusal, message) : new Error(message);
  }
  if (!body.token || !body.userId || !body.locator) throw new Error('The meeting could not be joined: no token.');
  return {
    token: body.token,
    userId: body.userId,
    displayName: body.displayName ?? displayName,
    locator:
      body.locator.kind === 'teamsMeetingLink'
        ? { meetingLink: body.locator.meetingLink }
        : { meetingId: body.locator.meetingId, passcode: body.locator.passcode ?? '' },
    // Anything but a clear yes is no chat: the composite without chat is always safe.
    chat:
      body.chat?.enabled === true
        ? {
            enabled: true,
            ...(typeof body.chat.acsEndpoint === 'string' ? { acsEndpoint: body.chat.acsEndpoint } : {}),
          }
        : { enabled: false },
  };
}

/**
 * Tells staff where the guest is. Never throws and never delays the call: a lost report only makes
 * the portal lag. `keepalive` lets the request outlive the page (leaving, closing the tab).
 */
export function reportGuestStatus(shareId: string, status: GuestStatus): void {
  try {
    void fetch(statusUrl(shareId), {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status }),
    }).catch(() => undefined);
  } catch {
    /* best effort */
  }
}

/** On page hide (tab closed, navigation away) a beacon is the one request the browser still sends. */
export function beaconGuestLeft(shareId: string): void {
  const body = new Blob([JSON.stringify({ status: 'left' })], { type: 'application/json' });
  if (typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(statusUrl(shareId), body)) return;
  reportGuestStatus(shareId, 'left');
}
