import type { CallAdapterState, ChatAdapter, ChatAdapterState, CommonCallAdapter } from '@azure/communication-react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCAL_ADAPTER_BRAND } from '@/lib/calling/local/brand';
import { ChatChannel, type ChatClientFrame, type ChatServerFrame } from '@/lib/calling/local/chat-channel';
import { toIdentifier } from '@/lib/calling/local/state';
import { createLocalChatAdapter } from './create-local-chat-adapter';
import { LocalChatAdapter, SEND_TIMEOUT_MS } from './local-chat-adapter';

const ME = '8:acs:res_00000000-0000-0000-0000-00000000000a';
const ADA = '8:acs:res_00000000-0000-0000-0000-00000000000b';
const HOST = '8:orgid:00000000-0000-0000-0000-0000000000cc';
const THREAD = '19:meeting_abc@thread.v2';

type CallState = 'None' | 'InLobby' | 'Connected' | 'Disconnected';

/** The part of the local call adapter the chat adapter reads: state, its changes, the chat channel. */
class FakeCall {
  private listeners = new Set<(s: CallAdapterState) => void>();
  state = this.build('None', []);
  readonly sent: ChatClientFrame[] = [];
  socketUp = true;
  readonly channel = new ChatChannel((frame) => {
    if (!this.socketUp) return false;
    this.sent.push(frame);
    return true;
  });
  readonly [LOCAL_ADAPTER_BRAND] = true;

  build(state: CallState, others: { id: string; name: string; state?: string }[]): CallAdapterState {
    const remoteParticipants = Object.fromEntries(
      others.map((o) => [o.id, { identifier: toIdentifier(o.id), displayName: o.name, state: o.state ?? 'Connected' }]),
    );
    return {
      userId: toIdentifier(ME),
      displayName: 'Me Myself',
      ...(state === 'None' ? {} : { call: { state, remoteParticipants } }),
    } as unknown as CallAdapterState;
  }

  set(state: CallState, others: { id: string; name: string; state?: string }[] = []): void {
    this.state = this.build(state, others);
    for (const l of this.listeners) l(this.state);
  }

  asAdapter(): CommonCallAdapter {
    return {
      getState: () => this.state,
      onStateChange: (l: (s: CallAdapterState) => void) => this.listeners.add(l),
      offStateChange: (l: (s: CallAdapterState) => void) => this.listeners.delete(l),
      chatChannel: () => this.channel,
      [LOCAL_ADAPTER_BRAND]: true,
    } as unknown as CommonCallAdapter;
  }

  server(frame: ChatServerFrame): void {
    this.channel.deliver(frame);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

const message = (over: Partial<Extract<ChatServerFrame, { type: 'chat.message' }>> = {}) => ({
  type: 'chat.message' as const,
  id: '1700000000001',
  sequenceId: '1',
  senderId: ADA,
  senderDisplayName: 'Ada Guest',
  content: 'Hello',
  createdOn: '2026-12-01T10:00:00.000Z',
  ...over,
});

let fake: FakeCall;
let adapter: LocalChatAdapter;
let ids = 0;

function connect(): void {
  fake.set('Connected', [{ id: ADA, name: 'Ada Guest' }]);
  fake.server({ type: 'chat.history', threadId: THREAD, topic: 'Design review', messages: [], readReceipts: [] });
}

const messages = (s: ChatAdapterState) => Object.values(s.thread.chatMessages);

beforeEach(() => {
  fake = new FakeCall();
  ids = 0;
  adapter = new LocalChatAdapter(fake.asAdapter(), fake.channel, { newClientMessageId: () => `c-${++ids}` });
});
afterEach(() => {
  adapter.dispose();
  vi.useRealTimers();
});

describe('the local chat adapter before the call is Connected', () => {
  it('has an empty thread and refuses to send on the set-up page and in the lobby, saying why', async () => {
    expect(adapter.getState()).toMatchObject({ userId: toIdentifier(ME), displayName: 'Me Myself' });
    await expect(adapter.sendMessage('hi')).rejects.toThrow(/once you are in the meeting/);
    fake.set('InLobby');
    fake.server({ type: 'chat.history', threadId: THREAD, topic: 'x', messages: [message()], readReceipts: [] });
    fake.server(message({ id: '2' }));
    await expect(adapter.sendMessage('let me in')).rejects.toThrow(/once you are in the meeting/);
    expect(messages(adapter.getState())).toEqual([]);
    expect(adapter.getState().thread.participants).toEqual({});
    expect(fake.sent).toEqual([]);
    expect(adapter.getState().latestErrors['ChatThreadClient.sendMessage']?.message).toMatch(/in the meeting/);
  });
});

describe('the local chat adapter in the call', () => {
  it("takes the meeting's thread, topic and history, and the call's Connected people as participants", () => {
    fake.set('Connected', [
      { id: ADA, name: 'Ada Guest' },
      { id: HOST, name: 'Olivia Organizer' },
      { id: '8:acs:res_lobby', name: 'Waiting Wendy', state: 'InLobby' },
    ]);
    fake.server({
      type: 'chat.history',
      threadId: THREAD,
      topic: 'Design review',
      messages: [message()],
      readReceipts: [],
    });
    const state = adapter.getState();
    expect(state.thread.threadId).toBe(THREAD);
    expect(state.thread.properties?.topic).toBe('Design review');
    expect(Object.keys(state.thread.participants).sort()).toEqual([ADA, ME, HOST].sort());
    expect(state.thread.participants[HOST]?.displayName).toBe('Olivia Organizer');
    expect(messages(state)).toEqual([
      expect.objectContaining({
        id: '1700000000001',
        type: 'text',
        status: 'delivered',
        content: { message: 'Hello' },
        senderDisplayName: 'Ada Guest',
        sender: toIdentifier(ADA),
        createdOn: new Date('2026-12-01T10:00:00.000Z'),
      }),
    ]);
  });

  it('shows a sent message at once as sending, then delivered under the service id, and emits messageSent', async () => {
    connect();
    const sent = vi.fn();
    adapter.on('messageSent', sent);
    const sending = adapter.sendMessage('Hi all');
    expect(fake.sent).toEqual([{ type: 'chat.send', clientMessageId: 'c-1', content: 'Hi all' }]);
    expect(adapter.getState().thread.chatMessages['c-1']).toMatchObject({
      status: 'sending',
      content: { message: 'Hi all' },
      sender: toIdentifier(ME),
      senderDisplayName: 'Me Myself',
    });
    fake.server(message({ id: '1700000000009', clientMessageId: 'c-1', senderId: ME, content: 'Hi all' }));
    await expect(sending).resolves.toBeUndefined();
    const state = adapter.getState();
    expect(state.thread.chatMessages['c-1']).toBeUndefined();
    expect(state.thread.chatMessages['1700000000009']).toMatchObject({ status: 'delivered', clientMessageId: 'c-1' });
    expect(sent).toHaveBeenCalledWith({ message: expect.objectContaining({ id: '1700000000009' }) });
  });

  it("marks a refused message failed and rejects with the service's reason", async () => {
    connect();
    const errors = vi.fn();
    adapter.on('error', errors);
    const sending = adapter.sendMessage('x');
    fake.server({
      type: 'chat.refused',
      clientMessageId: 'c-1',
      code: 'chat_disabled',
      message: "The meeting's organizer turned chat off for this meeting.",
    });
    await expect(sending).rejects.toThrow(/turned chat off/);
    expect(adapter.getState().thread.chatMessages['c-1']?.status).toBe('failed');
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ target: 'ChatThreadClient.sendMessage' }));
  });

  it('fails a message the socket could not take, and one the service never confirms', async () => {
    connect();
    fake.socketUp = false;
    await expect(adapter.sendMessage('lost')).rejects.toThrow(/Not connected/);
    expect(adapter.getState().thread.chatMessages['c-1']?.status).toBe('failed');
    fake.socketUp = true;
    vi.useFakeTimers();
    const sending = adapter.sendMessage('into the void');
    const settled = expect(sending).rejects.toThrow(/did not confirm/);
    vi.advanceTimersByTime(SEND_TIMEOUT_MS);
    await settled;
    expect(adapter.getState().thread.chatMessages['c-2']?.status).toBe('failed');
  });

  it("adds others' messages with messageReceived, keeps them in sequence, and ends their typing", () => {
    connect();
    const received = vi.fn();
    adapter.on('messageReceived', received);
    fake.server({ type: 'chat.typing', from: ADA });
    expect(adapter.getState().thread.typingIndicators).toHaveLength(1);
    fake.server(message({ id: '5', sequenceId: '2', content: 'Second' }));
    expect(received).toHaveBeenCalledWith({ message: expect.objectContaining({ id: '5', type: 'text' }) });
    expect(adapter.getState().thread.typingIndicators).toEqual([]);
  });

  it('shows who is typing for 8 seconds and sends its own typing at most every 8 seconds', async () => {
    vi.useFakeTimers();
    connect();
    fake.server({ type: 'chat.typing', from: ADA });
    expect(adapter.getState().thread.typingIndicators[0]).toMatchObject({
      sender: toIdentifier(ADA),
      senderDisplayName: 'Ada Guest',
    });
    vi.advanceTimersByTime(8_000);
    expect(adapter.getState().thread.typingIndicators).toEqual([]);

    await adapter.sendTypingIndicator();
    await adapter.sendTypingIndicator();
    expect(fake.sent.filter((f) => f.type === 'chat.typing')).toHaveLength(1);
    vi.advanceTimersByTime(8_000);
    await adapter.sendTypingIndicator();
    expect(fake.sent.filter((f) => f.type === 'chat.typing')).toHaveLength(2);
  });

  it("records others' read receipts (our messages become seen) and sends receipts for others' messages only", async () => {
    connect();
    const read = vi.fn();
    adapter.on('messageRead', read);
    const sending = adapter.sendMessage('Mine');
    fake.server(message({ id: '10', clientMessageId: 'c-1', senderId: ME, content: 'Mine' }));
    await sending;
    fake.server({ type: 'chat.read', from: ADA, messageId: '10', readOn: '2026-12-01T10:05:00.000Z' });
    const state = adapter.getState();
    expect(state.thread.readReceipts).toEqual([
      { sender: toIdentifier(ADA), chatMessageId: '10', readOn: new Date('2026-12-01T10:05:00.000Z') },
    ]);
    expect(state.thread.latestReadTime).toEqual(new Date('2026-12-01T10:05:00.000Z'));
    expect(read).toHaveBeenCalledWith({ message: expect.objectContaining({ id: '10' }), readBy: toIdentifier(ADA) });

    fake.server(message({ id: '11', sequenceId: '2' }));
    await adapter.sendReadReceipt('11');
    await adapter.sendReadReceipt('10'); // our own: no receipt
    expect(fake.sent.filter((f) => f.type === 'chat.read')).toEqual([{ type: 'chat.read', messageId: '11' }]);
  });

  it('follows the roster with participantsAdded and participantsRemoved', () => {
    const added = vi.fn();
    const removed = vi.fn();
    adapter.on('participantsAdded', added);
    adapter.on('participantsRemoved', removed);
    connect();
    expect(added).toHaveBeenCalledWith(
      expect.objectContaining({
        participantsAdded: expect.arrayContaining([expect.objectContaining({ displayName: 'Ada Guest' })]),
      }),
    );
    fake.set('Connected', [{ id: HOST, name: 'Olivia Organizer' }]);
    expect(removed).toHaveBeenCalledWith(
      expect.objectContaining({ participantsRemoved: [expect.objectContaining({ displayName: 'Ada Guest' })] }),
    );
    expect(Object.keys(adapter.getState().thread.participants).sort()).toEqual([ME, HOST].sort());
  });

  it('keeps what it showed when a resume resends the history, without duplicates', () => {
    connect();
    fake.server(message({ id: '1', sequenceId: '1' }));
    fake.server({
      type: 'chat.history',
      threadId: THREAD,
      topic: 'Design review',
      messages: [message({ id: '1', sequenceId: '1' }), message({ id: '2', sequenceId: '2', content: 'missed' })],
      readReceipts: [],
    });
    expect(messages(adapter.getState()).map((m) => m.content?.message)).toEqual(['Hello', 'missed']);
  });
});

describe('the local chat adapter after the call', () => {
  it('empties the thread and fails messages on their way when the call ends, and refuses new ones', async () => {
    connect();
    fake.server(message());
    const sending = adapter.sendMessage('bye');
    fake.set('Disconnected');
    await expect(sending).rejects.toThrow(/no longer in the meeting/);
    expect(messages(adapter.getState())).toEqual([]);
    expect(adapter.getState().thread.participants).toEqual({});
    await expect(adapter.sendMessage('hello?')).rejects.toThrow(/once you are in the meeting/);
  });

  it('stops listening on dispose (twice is safe)', () => {
    connect();
    const changed = vi.fn();
    adapter.onStateChange(changed);
    adapter.dispose();
    adapter.dispose();
    fake.server(message({ id: '99' }));
    expect(changed).not.toHaveBeenCalled();
    expect(fake.listenerCount).toBe(0);
  });

  it('rejects edit, delete, removing people and the topic clearly', async () => {
    const chat: ChatAdapter = adapter;
    await expect(chat.updateMessage('1', 'x')).rejects.toThrow(/Editing chat messages is not available in local mode/);
    await expect(chat.deleteMessage('1')).rejects.toThrow(/Deleting chat messages is not available/);
    await expect(chat.removeParticipant(ADA)).rejects.toThrow(/not available in local mode/);
    await expect(chat.setTopic('x')).rejects.toThrow(/not available in local mode/);
    await expect(chat.loadPreviousChatMessages(50)).resolves.toBe(true);
  });
});

describe('createLocalChatAdapter', () => {
  it('takes the local call adapter and refuses any other with a clear error', () => {
    const made = createLocalChatAdapter(fake.asAdapter());
    expect(made.getState().userId).toEqual(toIdentifier(ME));
    made.dispose();
    const azureLike = { getState: () => fake.state } as unknown as CommonCallAdapter;
    expect(() => createLocalChatAdapter(azureLike)).toThrow(/needs the local call adapter/);
  });
});
