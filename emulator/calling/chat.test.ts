/**
 * The meeting chat on the calling socket, against a real in-process emulator: real ACS tokens (the
 * identity SDK), real Teams-user tokens (the token exchange), meetings made through the admin API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MAX_CHAT_MESSAGE_BYTES } from '../../lib/contracts/calling-protocol';
import { CallingFixture, type Meeting, type Staff } from './fixture';
import { hasChatScope } from './chat';

const fx = new CallingFixture();
let organizer: Staff;

beforeAll(async () => {
  await fx.start();
  organizer = await fx.staff('Olivia Organizer');
});
afterAll(async () => {
  await fx.stop();
});

const link = (m: Meeting) => ({ joinUrl: m.joinWebUrl });
const threadOf = (m: Meeting) => decodeURIComponent(/meetup-join\/([^/]+)\//.exec(m.joinWebUrl)![1]!);

async function guest(m: Meeting, displayName: string, scopes: ('voip' | 'chat' | 'chat.join')[] = ['voip', 'chat']) {
  const t = await fx.guest(scopes);
  return {
    ...(await fx.join({ token: t.token, meeting: link(m), displayName })),
    identity: t.user.communicationUserId,
  };
}

describe('meeting chat: two participants', () => {
  it('delivers a message to everyone chatting, acknowledges it to the sender, and relays typing and read receipts', async () => {
    const m = await fx.meeting(organizer.id, 'everyone', 'Design review');
    const host = await fx.join({ token: organizer.token, meeting: link(m), displayName: 'ignored' });
    const ada = await guest(m, 'Ada Guest');

    const history = await ada.client.next('chat.history');
    expect(history).toMatchObject({ threadId: threadOf(m), topic: 'Design review', messages: [] });
    expect(history.threadId).toMatch(/^19:meeting_.+@thread\.v2$/);
    await host.client.next('chat.history');

    ada.client.send({ type: 'chat.send', clientMessageId: 'local-1', content: 'Hello <b>there</b>' });
    const own = await ada.client.next('chat.message');
    const theirs = await host.client.next('chat.message');
    expect(own).toMatchObject({
      clientMessageId: 'local-1',
      senderId: ada.identity,
      senderDisplayName: 'Ada Guest',
      content: 'Hello <b>there</b>',
    });
    expect(theirs).toMatchObject({ id: own.id, sequenceId: own.sequenceId, content: 'Hello <b>there</b>' });
    expect(theirs.clientMessageId).toBeUndefined();
    expect(Number.isNaN(Date.parse(own.createdOn))).toBe(false);

    host.client.send({ type: 'chat.typing' });
    expect(await ada.client.next('chat.typing')).toMatchObject({ from: `8:orgid:${organizer.id}` });
    expect(await host.client.gets('chat.typing', undefined, 200)).toBe(false);

    host.client.send({ type: 'chat.read', messageId: own.id });
    expect(await ada.client.next('chat.read')).toMatchObject({ from: `8:orgid:${organizer.id}`, messageId: own.id });

    // Sequence ids grow in send order; the organizer's name is its directory name.
    host.client.send({ type: 'chat.send', clientMessageId: 'h-1', content: 'Welcome' });
    const reply = await ada.client.next('chat.message');
    expect(Number(reply.sequenceId)).toBeGreaterThan(Number(own.sequenceId));
    expect(reply.senderDisplayName).toBe('Olivia Organizer');
    expect(ada.client.invalidFrames).toEqual([]);
  });

  it('refuses empty and oversized messages to the sender only, naming the message', async () => {
    const m = await fx.meeting(organizer.id, 'everyone');
    const host = await fx.join({ token: organizer.token, meeting: link(m) });
    const ada = await guest(m, 'Ada');
    await ada.client.next('chat.history');

    ada.client.send({ type: 'chat.send', clientMessageId: 'blank', content: '  \n ' });
    expect(await ada.client.next('chat.refused')).toMatchObject({ clientMessageId: 'blank', code: 'empty_message' });
    // 28 KB of UTF-8, counted in bytes: 10 000 three-byte characters are over it.
    ada.client.send({ type: 'chat.send', clientMessageId: 'big', content: '€'.repeat(10_000) });
    expect(await ada.client.next('chat.refused')).toMatchObject({ clientMessageId: 'big', code: 'message_too_large' });
    ada.client.send({ type: 'chat.send', clientMessageId: 'max', content: 'x'.repeat(MAX_CHAT_MESSAGE_BYTES) });
    expect((await host.client.next('chat.message')).content).toHaveLength(MAX_CHAT_MESSAGE_BYTES);
    ada.client.send({ type: 'chat.read', messageId: '12345' });
    expect((await ada.client.next('chat.refused')).code).toBe('unknown_message');
  });
});

describe('meeting chat: who gets none', () => {
  it('gives the lobby nothing and refuses its chat, then shows an admitted guest only what was sent after admission', async () => {
    const m = await fx.meeting(organizer.id, 'organization');
    const host = await fx.join({ token: organizer.token, meeting: link(m) });
    await host.client.next('chat.history');
    host.client.send({ type: 'chat.send', clientMessageId: 'early', content: 'Before the guest is in' });
    await host.client.next('chat.message');

    const waiting = await guest(m, 'Lobby Larry');
    expect(waiting.joined.self.state).toBe('InLobby');
    waiting.client.send({ type: 'chat.send', clientMessageId: 'w-1', content: 'let me in' });
    expect(await waiting.client.next('chat.refused')).toMatchObject({ clientMessageId: 'w-1', code: 'not_connected' });
    host.client.send({ type: 'chat.send', clientMessageId: 'lobby-time', content: 'While Larry waits' });
    await host.client.next('chat.message', (x) => x.clientMessageId === 'lobby-time');
    expect(await waiting.client.gets('chat.message', undefined, 200)).toBe(false);
    expect(waiting.client.all('chat.history')).toEqual([]);

    host.client.send({ type: 'lobby.admit', participantIds: [waiting.joined.self.id] });
    await waiting.client.next('admitted');
    expect((await waiting.client.next('chat.history')).messages).toEqual([]);
    host.client.send({ type: 'chat.send', clientMessageId: 'after', content: 'Welcome, Larry' });
    expect((await waiting.client.next('chat.message')).content).toBe('Welcome, Larry');

    // The organizer (a Teams user of the meeting) rejoining sees the whole thread.
    const again = await fx.join({ token: organizer.token, meeting: link(m) });
    const contents = (await again.client.next('chat.history')).messages.map((x) => x.content);
    expect(contents).toEqual(['Before the guest is in', 'While Larry waits', 'Welcome, Larry']);
  });

  it('gives a token without a chat scope no chat, but the chat.join scope chats', async () => {
    const m = await fx.meeting(organizer.id, 'everyone');
    const host = await fx.join({ token: organizer.token, meeting: link(m) });
    await host.client.next('chat.history');
    const voipOnly = await guest(m, 'Voice Only', ['voip']);
    const joinScope = await guest(m, 'Join Scope', ['voip', 'chat.join']);
    await joinScope.client.next('chat.history');

    voipOnly.client.send({ type: 'chat.send', clientMessageId: 'v-1', content: 'hi' });
    expect(await voipOnly.client.next('chat.refused')).toMatchObject({ code: 'chat_not_permitted' });
    host.client.send({ type: 'chat.send', clientMessageId: 'h-1', content: 'for chatters' });
    expect((await joinScope.client.next('chat.message')).content).toBe('for chatters');
    expect(await voipOnly.client.gets('chat.message', undefined, 200)).toBe(false);
    expect(voipOnly.client.all('chat.history')).toEqual([]);
  });

  it('has no chat for anyone in a meeting whose chat is disabled, organizer included', async () => {
    const m = await fx.meeting(organizer.id, 'everyone', 'Quiet meeting', 'disabled');
    const host = await fx.join({ token: organizer.token, meeting: link(m) });
    const ada = await guest(m, 'Ada');
    for (const c of [host.client, ada.client]) {
      c.send({ type: 'chat.send', clientMessageId: 'x', content: 'anyone?' });
      expect(await c.next('chat.refused')).toMatchObject({ clientMessageId: 'x', code: 'chat_disabled' });
      expect(c.all('chat.history')).toEqual([]);
      expect(c.all('chat.message')).toEqual([]);
    }
  });
});

describe('meeting chat: scopes', () => {
  it('takes the ACS chat scopes for guests and Teams.ManageChats for staff, nothing else', () => {
    expect(hasChatScope('8:acs:r_1', ['voip', 'chat'])).toBe(true);
    expect(hasChatScope('8:acs:r_1', ['voip', 'chat.join.limited'])).toBe(true);
    expect(hasChatScope('8:acs:r_1', ['voip', 'voip.join'])).toBe(false);
    expect(hasChatScope('8:acs:r_1', ['Teams.ManageChats'])).toBe(false);
    expect(hasChatScope('8:orgid:o', ['Teams.ManageCalls', 'Teams.ManageChats'])).toBe(true);
    expect(hasChatScope('8:orgid:o', ['Teams.ManageCalls', 'chat'])).toBe(false);
  });
});
