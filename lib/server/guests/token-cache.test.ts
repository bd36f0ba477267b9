import { describe, expect, it } from 'vitest';
import { GuestTokenCache, REUSE_WHILE_LEFT_MS } from './token-cache';

const minted = new Date('2026-12-01T10:00:00.000Z');
const token = (expiresOn: Date, id = 'a') => ({
  userId: `8:acs:${id}`,
  token: `token-${id}`,
  expiresOn: expiresOn.toISOString(),
});
const inMinutes = (m: number) => new Date(minted.getTime() + m * 60_000);
const key = { sessionIdHash: 'session-1', shareId: 'share-1', chat: true };

describe('GuestTokenCache', () => {
  it('hands a 60-minute token out again for its first 15 minutes, with its own expiry, and not after', () => {
    const cache = new GuestTokenCache();
    const t = token(inMinutes(60));
    cache.remember(key, t);
    expect(cache.reusable(key, inMinutes(0))).toBe(t);
    expect(cache.reusable(key, inMinutes(15))).toEqual({ ...t, expiresOn: inMinutes(60).toISOString() });
    // Past the margin the caller mints a new token; the old one is dropped, not kept for later.
    expect(cache.reusable(key, new Date(inMinutes(15).getTime() + 1))).toBeUndefined();
    expect(cache.reusable(key, inMinutes(0))).toBeUndefined();
  });

  it('never hands out a token to a refresh, which the clients make at half of its life or later', () => {
    const cache = new GuestTokenCache();
    cache.remember(key, token(inMinutes(60)));
    expect(REUSE_WHILE_LEFT_MS).toBeGreaterThan(30 * 60_000);
    expect(cache.reusable(key, inMinutes(30))).toBeUndefined();
  });

  it("keeps sessions and shares apart: another session, or another share, gets nothing of this one's", () => {
    const cache = new GuestTokenCache();
    cache.remember(key, token(inMinutes(60)));
    expect(cache.reusable({ ...key, sessionIdHash: 'session-2' }, inMinutes(1))).toBeUndefined();
    expect(cache.reusable({ ...key, shareId: 'share-2' }, inMinutes(1))).toBeUndefined();
  });

  it('a token minted with the chat scope is not handed out once the meeting has no chat, nor the reverse', () => {
    const cache = new GuestTokenCache();
    cache.remember(key, token(inMinutes(60), 'with-chat'));
    expect(cache.reusable({ ...key, chat: false }, inMinutes(1))).toBeUndefined();
    cache.remember({ ...key, chat: false }, token(inMinutes(60), 'voip-only'));
    expect(cache.reusable({ ...key, chat: true }, inMinutes(1))?.token).toBe('token-with-chat');
    expect(cache.reusable({ ...key, chat: false }, inMinutes(1))?.token).toBe('token-voip-only');
  });

  it('a newer token replaces the one held for the same session and share', () => {
    const cache = new GuestTokenCache();
    cache.remember(key, token(inMinutes(60), 'old'));
    const newer = token(inMinutes(70), 'new');
    cache.remember(key, newer);
    expect(cache.reusable(key, inMinutes(20))).toBe(newer);
    expect(cache.size).toBe(1);
  });

  it('stays bounded, dropping the longest-held tokens first', () => {
    const cache = new GuestTokenCache();
    for (let i = 0; i < 10_005; i++)
      cache.remember({ sessionIdHash: `s${i}`, shareId: 'x', chat: false }, token(inMinutes(60)));
    expect(cache.size).toBe(10_000);
    expect(cache.reusable({ sessionIdHash: 's0', shareId: 'x', chat: false }, inMinutes(1))).toBeUndefined();
    expect(cache.reusable({ sessionIdHash: 's10004', shareId: 'x', chat: false }, inMinutes(1))).toBeDefined();
  });
});
