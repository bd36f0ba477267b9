import 'server-only';
import type { CallToken } from '@/lib/server/acs/identity';

/**
 * A token is handed out again only while at least this much of its life is left (of 60 minutes).
 * The calling clients refresh at half of a token's life (the Calling SDK's AutoRefreshTokenCredential)
 * or two minutes before expiry (the local adapter), so every refresh finds less than this left and gets a
 * newly minted token; what reuses one is a page reload, a second tab or a retried request soon after
 * the mint. A reused token keeps its own expiry: nothing here lengthens a token's life.
 */
export const REUSE_WHILE_LEFT_MS = 45 * 60_000;

/** Enough for every guest of a busy instance at once; past it the oldest entries go first. */
const MAX_ENTRIES = 10_000;

/**
 * ACS tokens this process minted, per guest session and share, so the token route skips the signed
 * round trip to ACS Identity (which recommends caching tokens) when a guest asks again soon. Only
 * consulted after the route's checks (session, share ownership, revoked, expired, rate limits) have
 * passed for this request, so revoking a share or a session still refuses at once: the cache can
 * spare a mint, never a check. In memory, per instance: another instance simply mints its own.
 */
/**
 * Whose token it is, and what it may do: a token minted with the chat scope is never handed out once
 * the meeting's chat is off (nor one without it once chat is on), so a grant change mints anew.
 */
export interface TokenCacheKey {
  sessionIdHash: string;
  shareId: string;
  chat: boolean;
}

export class GuestTokenCache {
  readonly #entries = new Map<string, CallToken>();

  /** The token minted for this session and share, if it still has most of its life left at `now`. */
  reusable(key: TokenCacheKey, now: Date): CallToken | undefined {
    const id = keyOf(key);
    const token = this.#entries.get(id);
    if (!token) return undefined;
    if (Date.parse(token.expiresOn) - now.getTime() >= REUSE_WHILE_LEFT_MS) return token;
    this.#entries.delete(id);
    return undefined;
  }

  remember(key: TokenCacheKey, token: CallToken): void {
    const id = keyOf(key);
    this.#entries.delete(id);
    this.#entries.set(id, token);
    // Maps iterate in insertion order, so the first key is the longest-held token.
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
  }

  get size(): number {
    return this.#entries.size;
  }
}

const keyOf = ({ sessionIdHash, shareId, chat }: TokenCacheKey) =>
  `${sessionIdHash}:${shareId}:${chat ? 'chat' : 'voip'}`;

/** The instance the token route uses. */
export const guestTokenCache = new GuestTokenCache();
