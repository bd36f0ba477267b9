import { describe, expect, it } from 'vitest';
import { meetingAllowsGuestChat, meetingChatMode } from './chat-scope';
import { guestScopes } from './identity';

describe('guest chat scope', () => {
  it('grants the meeting chat when Graph says enabled or limited (during the meeting only)', () => {
    expect(meetingAllowsGuestChat('enabled')).toBe(true);
    expect(meetingAllowsGuestChat('limited')).toBe(true);
  });

  it('grants no chat when the meeting disables it, or when the setting is unknown', () => {
    expect(meetingAllowsGuestChat('disabled')).toBe(false);
    expect(meetingAllowsGuestChat(null)).toBe(false);
    expect(meetingAllowsGuestChat(undefined)).toBe(false);
    expect(meetingAllowsGuestChat('unknownFutureValue')).toBe(false);
  });

  it('stores only the modes it knows', () => {
    expect(meetingChatMode('limited')).toBe('limited');
    expect(meetingChatMode('unknownFutureValue')).toBeNull();
    expect(meetingChatMode(undefined)).toBeNull();
  });

  it('asks ACS for voip alone without chat, and the least chat scope with it', () => {
    expect(guestScopes({ chat: false })).toEqual(['voip']);
    expect(guestScopes({ chat: true })).toEqual(['voip', 'chat.join.limited']);
  });
});
