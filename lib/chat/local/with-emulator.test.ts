/**
 * The local ChatAdapter against the real emulator: its chat frames go over a real calling socket (a
 * protocol client joined to a meeting with a real ACS token), so the adapter and the service are
 * proven to agree on acknowledgements, history, edits and refusals. The call itself is faked (no
 * WebRTC in Node): only its state, Connected, is what the chat adapter reads.
 */
import type { CallAdapterState, CommonCallAdapter } from '@azure/communication-react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatChannel, isChatFrame } from '@/lib/calling/local/chat-channel';
import { toIdentifier } from '@/lib/calling/local/state';
import type { CallClient } from '@/emulator/calling/client';
import { CallingFixture, type Meeting, type Staff } from '@/emulator/calling/fixture';
import { LocalChatAdapter } from './local-chat-adapter';

const fx = new CallingFixture();
let organizer: Staff;

beforeAll(async () => {
  await fx.start();
  organizer = await fx.staff('Olivia Organizer');
});
afterAll(async () => {
  await fx.stop();
});

/** A chat adapter whose channel is `client`'s socket, for a participant Connected as `userId`. */
function chatOver(client: CallClient, userId: string, displayName: string): LocalChatAdapter {
  const channel = new ChatChannel((frame) => {
    client.send(frame);
    return true;
  });
  // What came before this adapter existed (the history right after `joined`), then what follows.
  for (const frame of client.received) if (isChatFrame(frame)) channel.deliver(frame);
  client.ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString('utf8')) as Parameters<typeof isChatFrame>[0];
    if (isChatFrame(frame)) channel.deliver(frame);
  });
  const state = {
    userId: toIdentifier(userId),
    displayName,
    call: { state: 'Connected', remoteParticipants: {} },
  } as unknown as CallAdapterState;
  const call = { getState: () => state, onStateChange() {}, offStateChange() {} } as unknown as CommonCallAdapter;
  return new LocalChatAdapter(call, channel);
}

const link = (m: Meeting) => ({ joinUrl: m.joinWebUrl });
const texts = (a: LocalChatAdapter) =>
  Object.values(a.getState().thread.chatMessages).map((m) => `${m.senderDisplayName}: ${m.content?.message}`);

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

describe('the local chat adapter against the emulator', () => {
  it('sends, receives, edits and is refused exactly as the service answers', async () => {
    const m = await fx.meeting(organizer.id, 'everyone', 'Adapter meets service');
    const host = await fx.join({ token: organizer.token, meeting: link(m) });
    const hostChat = chatOver(host.client, `8:orgid:${organizer.id}`, 'Olivia Organizer');
    const t = await fx.guest(['voip', 'chat']);
    const ada = await fx.join({ token: t.token, meeting: link(m), displayName: 'Ada Guest' });
    const adaChat = chatOver(ada.client, t.user.communicationUserId, 'Ada Guest');
    await until(() => adaChat.getState().thread.threadId.startsWith('19:meeting_'));
    expect(adaChat.getState().thread.properties?.topic).toBe('Adapter meets service');

    await adaChat.sendMessage('Hello from Ada');
    await until(() => texts(hostChat).includes('Ada Guest: Hello from Ada'));
    const [sent] = Object.values(adaChat.getState().thread.chatMessages);
    expect(sent).toMatchObject({ status: 'delivered', type: 'text' });
    expect(sent!.id).toMatch(/^\d+$/);

    await adaChat.updateMessage(sent!.id, 'Hello from Ada (edited)');
    await until(() => texts(hostChat).includes('Ada Guest: Hello from Ada (edited)'));
    await expect(hostChat.deleteMessage(sent!.id)).rejects.toThrow(/Only the person who sent a message/);
    await expect(adaChat.sendMessage(' ')).rejects.toThrow(/needs some text/);

    hostChat.dispose();
    adaChat.dispose();
  });

  it("fails a guest's message in a meeting with chat off, with the service's words", async () => {
    const m = await fx.meeting(organizer.id, 'everyone', 'Quiet', 'disabled');
    const t = await fx.guest(['voip', 'chat']);
    const ada = await fx.join({ token: t.token, meeting: link(m), displayName: 'Ada Guest' });
    const adaChat = chatOver(ada.client, t.user.communicationUserId, 'Ada Guest');
    await expect(adaChat.sendMessage('anyone?')).rejects.toThrow(/turned chat off/);
    expect(Object.values(adaChat.getState().thread.chatMessages)).toEqual([
      expect.objectContaining({ status: 'failed', content: { message: 'anyone?' } }),
    ]);
    adaChat.dispose();
  });
});
