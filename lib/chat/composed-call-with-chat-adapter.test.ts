import { describe, expect, it } from 'vitest';
import type { CallWithChatAdapterState } from '@azure/communication-react';
import { ComposedCallWithChatAdapter } from './composed-call-with-chat-adapter';
import { fakeCallAdapter, fakeChatAdapter } from './fakes.testing';

function compose() {
  const call = fakeCallAdapter();
  const chat = fakeChatAdapter();
  return { call, chat, adapter: new ComposedCallWithChatAdapter(call.adapter, chat.adapter) };
}

describe('ComposedCallWithChatAdapter', () => {
  it("merges the call's state and the chat's thread under the composite's names, a new object per change", () => {
    const { call, chat, adapter } = compose();
    const seen: CallWithChatAdapterState[] = [];
    adapter.onStateChange((s) => seen.push(s));
    const first = adapter.getState();
    expect(first).toMatchObject({ page: 'configuration', displayName: 'Gina Guest', isTeamsMeeting: true });
    expect(first.chat?.threadId).toBe('');

    call.setState({ page: 'call', latestErrors: { 'Call.mute': { message: 'no' } } });
    expect(adapter.getState()).not.toBe(first);
    expect(adapter.getState()).toMatchObject({ page: 'call', latestCallErrors: { 'Call.mute': { message: 'no' } } });

    const thread = { ...chat.adapter.getState().thread, threadId: 'meeting-thread' };
    chat.setState({ thread, latestErrors: { 'ChatThreadClient.sendMessage': { message: 'x' } } });
    // The chat's change keeps the call's part, and the call's next change keeps the chat's.
    expect(adapter.getState()).toMatchObject({ page: 'call', chat: { threadId: 'meeting-thread' } });
    expect(adapter.getState().latestChatErrors).toHaveProperty(['ChatThreadClient.sendMessage']);
    call.setState({ page: 'leftCall' });
    expect(adapter.getState()).toMatchObject({ page: 'leftCall', chat: { threadId: 'meeting-thread' } });
    expect(seen.map((s) => s.page)).toEqual(['call', 'call', 'leftCall']);
  });

  it('routes call operations to the call adapter and chat operations to the chat adapter', async () => {
    const { call, chat, adapter } = compose();
    adapter.joinCall({ microphoneOn: true, cameraOn: false });
    await adapter.mute();
    await adapter.raiseHand();
    await adapter.onReactionClick('like');
    await adapter.sendMessage('hello', { metadata: {} });
    await adapter.sendTypingIndicator();
    await adapter.sendReadReceipt('m1');
    await adapter.fetchInitialData();
    expect(await adapter.loadPreviousChatMessages(10)).toBe('loadPreviousChatMessages-result');
    expect(call.calls).toEqual([
      ['joinCall', [{ microphoneOn: true, cameraOn: false }]],
      ['mute', []],
      ['raiseHand', []],
      ['onReactionClick', ['like']],
    ]);
    expect(chat.calls.map(([name]) => name)).toEqual([
      'sendMessage',
      'sendTypingIndicator',
      'sendReadReceipt',
      'fetchInitialData',
      'loadPreviousChatMessages',
    ]);
    expect(chat.calls[0]).toEqual(['sendMessage', ['hello', { metadata: {} }]]);
  });

  it("subscribes the composite's event names to each adapter's own, and unsubscribes them", () => {
    const { call, chat, adapter } = compose();
    const got: string[] = [];
    const joined = () => got.push('joined');
    const callError = () => got.push('callError');
    const chatError = () => got.push('chatError');
    const received = () => got.push('received');
    adapter.on('callParticipantsJoined', joined);
    adapter.on('callError', callError);
    adapter.on('chatError', chatError);
    adapter.on('messageReceived', received);
    call.emit('participantsJoined', {});
    call.emit('error', {});
    chat.emit('error', {});
    chat.emit('messageReceived', {});
    expect(got).toEqual(['joined', 'callError', 'chatError', 'received']);

    adapter.off('callParticipantsJoined', joined);
    adapter.off('messageReceived', received);
    call.emit('participantsJoined', {});
    chat.emit('messageReceived', {});
    expect(got).toHaveLength(4);
    expect(() => adapter.on('notAnEvent', () => undefined)).toThrow(/Unknown/);
  });

  it('disposes both adapters once and stops following their state', () => {
    const { call, chat, adapter } = compose();
    let changes = 0;
    adapter.onStateChange(() => changes++);
    adapter.dispose();
    adapter.dispose();
    expect(call.disposed()).toBe(1);
    expect(chat.disposed()).toBe(1);
    call.setState({ page: 'call' });
    chat.setState({ latestErrors: {} });
    expect(changes).toBe(0);
    expect(adapter.getState().page).toBe('configuration');
  });
});
