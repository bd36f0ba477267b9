/**
 * `LocalChatAdapter`: the UI Library's `ChatAdapter` for a Teams meeting's chat in the local cloud,
 * over the call's own socket to the emulator (chat frames of the calling protocol, through the local
 * call adapter's `ChatChannel`). It behaves like `AzureCommunicationChatAdapter` in a Teams meeting:
 *
 * - the thread is the meeting's; its participants are the people Connected in the call;
 * - nothing before the call is Connected (set-up page, lobby): the thread is empty and `sendMessage`
 *   rejects; when the call ends the thread empties again (an ACS user keeps no meeting chat after
 *   leaving) and messages still on their way fail;
 * - `sendMessage` shows the message at once as `sending` (keyed by its clientMessageId), then as
 *   `delivered` under the service's id, or `failed` with the service's refusal; events `messageSent`,
 *   `messageReceived` (others' messages only), `messageRead`, `participantsAdded/Removed`, `error`;
 * - typing indicators are sent at most every 8 s, like the Chat SDK, and shown for 8 s;
 * - editing and deleting messages, removing participants, the topic and attachments are not in the
 *   emulator's chat: they reject with `UnsupportedChatOperationError`.
 * State helpers are pure (chat-state.ts); this class wires them to the socket, the call and timers.
 */
import type { AdapterError, ChatAdapter, ChatAdapterState, CommonCallAdapter } from '@azure/communication-react';
import { EventEmitter } from 'events';
import type { ChatChannel, ChatServerFrame } from '@/lib/calling/local/chat-channel';
import { flatId, toIdentifier } from '@/lib/calling/local/state';
import {
  type ChatParticipant,
  TYPING_WINDOW_MS,
  initialChatState,
  toChatMessage,
  withCall,
  withCallEnded,
  withError,
  withFailed,
  withHistory,
  withMessage,
  withPending,
  withReceipt,
  withTyping,
  withoutStaleTyping,
} from './chat-state';
import { LocalChatError, UnsupportedChatOperationError } from './errors';

/** How long a sent message may wait for the service's acknowledgement before it counts as failed. */
export const SEND_TIMEOUT_MS = 10_000;
/** The Chat SDK sends a typing notification at most this often. */
export const TYPING_SEND_INTERVAL_MS = 8_000;

export interface LocalChatAdapterOptions {
  /** Clock and ids (tests). */
  now?: () => Date;
  newClientMessageId?: () => string;
}

type Pending = { resolve: () => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> };
type Listener = (...args: never[]) => void;

function randomId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export class LocalChatAdapter implements ChatAdapter {
  private state: ChatAdapterState;
  private readonly emitter = new EventEmitter();
  private readonly pending = new Map<string, Pending>();
  private readonly stopListening: () => void;
  private readonly onCallState = () => this.followCall();
  private inCall = false;
  private lastTypingSentAt = Number.NEGATIVE_INFINITY;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly now: () => Date;
  private readonly newClientMessageId: () => string;

  constructor(
    private readonly call: CommonCallAdapter,
    private readonly channel: ChatChannel,
    options: LocalChatAdapterOptions = {},
  ) {
    this.emitter.setMaxListeners(1000);
    this.now = options.now ?? (() => new Date());
    this.newClientMessageId = options.newClientMessageId ?? randomId;
    this.state = initialChatState(call.getState());
    this.stopListening = channel.subscribe((frame) => this.onFrame(frame));
    call.onStateChange(this.onCallState);
    this.followCall();
  }

  // ---------------------------------------------------------------- state and events

  getState(): ChatAdapterState {
    return this.state;
  }

  onStateChange(handler: (state: ChatAdapterState) => void): void {
    this.emitter.on('stateChanged', handler);
  }

  offStateChange(handler: (state: ChatAdapterState) => void): void {
    this.emitter.off('stateChanged', handler);
  }

  on(event: string, listener: Listener): void {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
  }

  off(event: string, listener: Listener): void {
    this.emitter.off(event, listener as (...args: unknown[]) => void);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopListening();
    this.call.offStateChange(this.onCallState);
    clearTimeout(this.typingTimer);
    this.failPending('The chat was closed.');
    this.emitter.removeAllListeners();
  }

  private setState(next: ChatAdapterState): void {
    if (next === this.state) return;
    this.state = next;
    this.emitter.emit('stateChanged', next);
  }

  private report(error: AdapterError): void {
    this.setState(withError(this.state, error));
    // Node's EventEmitter throws an 'error' nobody listens to; the error is in state and rejected anyway.
    if (this.emitter.listenerCount('error') > 0) this.emitter.emit('error', error);
  }

  // ---------------------------------------------------------------- operations

  async fetchInitialData(): Promise<void> {
    // The service sends the thread when the call is Connected: there is nothing to fetch first.
  }

  async sendMessage(content: string): Promise<void> {
    const target = 'ChatThreadClient.sendMessage';
    if (this.disposed) throw new LocalChatError(target, 'The chat was closed.');
    if (!this.inCall) {
      const error = new LocalChatError(target, 'Meeting chat is available once you are in the meeting.');
      this.report(error);
      throw error;
    }
    const clientMessageId = this.newClientMessageId();
    this.setState(withPending(this.state, { clientMessageId, content, createdOn: this.now() }));
    if (!this.channel.send({ type: 'chat.send', clientMessageId, content })) {
      return this.fail(clientMessageId, 'Not connected to the meeting: the message was not sent.');
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => this.settle(clientMessageId, 'The meeting did not confirm the message: it may not have been sent.'),
        SEND_TIMEOUT_MS,
      );
      this.pending.set(clientMessageId, { resolve, reject, timer });
    });
  }

  sendReadReceipt(chatMessageId: string): Promise<void> {
    // Like the Azure adapter, a receipt that can't go out is not an error the user needs to see.
    const message = this.state.thread.chatMessages[chatMessageId];
    const own = message && flatId(message.sender ?? this.state.userId) === flatId(this.state.userId);
    if (this.inCall && message && !own) this.channel.send({ type: 'chat.read', messageId: chatMessageId });
    return Promise.resolve();
  }

  sendTypingIndicator(): Promise<void> {
    const now = this.now().getTime();
    if (this.inCall && now - this.lastTypingSentAt >= TYPING_SEND_INTERVAL_MS) {
      if (this.channel.send({ type: 'chat.typing' })) this.lastTypingSentAt = now;
    }
    return Promise.resolve();
  }

  loadPreviousChatMessages(): Promise<boolean> {
    // The service sends every message this participant may see at once: all are loaded.
    return Promise.resolve(true);
  }

  removeParticipant(): Promise<void> {
    return Promise.reject(
      new UnsupportedChatOperationError('removeParticipant', 'Removing people from the meeting chat'),
    );
  }

  setTopic(): Promise<void> {
    return Promise.reject(new UnsupportedChatOperationError('updateTopic', "Changing the meeting chat's topic"));
  }

  updateMessage(): Promise<void> {
    return Promise.reject(new UnsupportedChatOperationError('updateMessage', 'Editing chat messages'));
  }

  deleteMessage(): Promise<void> {
    return Promise.reject(new UnsupportedChatOperationError('deleteMessage', 'Deleting chat messages'));
  }

  async downloadResourceToCache(): Promise<void> {
    // Messages are plain text: there are no inline images or attachments to fetch.
  }

  removeResourceFromCache(): void {}

  // ---------------------------------------------------------------- the call and the socket

  private followCall(): void {
    if (this.disposed) return;
    const call = this.call.getState();
    const inCall = call.call?.state === 'Connected';
    if (this.inCall && !inCall) {
      this.failPending('You are no longer in the meeting: the message was not sent.');
      this.setState(withCallEnded(this.state));
    }
    this.inCall = inCall;
    const before = this.state.thread.participants;
    this.setState(withCall(this.state, call));
    this.emitRosterChanges(before, this.state.thread.participants);
  }

  private emitRosterChanges(before: Record<string, ChatParticipant>, after: Record<string, ChatParticipant>): void {
    if (before === after) return;
    const self = after[flatId(this.state.userId)] ?? before[flatId(this.state.userId)];
    const by: ChatParticipant = self ?? { id: this.state.userId, displayName: this.state.displayName };
    const added = Object.entries(after)
      .filter(([k]) => !before[k])
      .map(([, p]) => p);
    const removed = Object.entries(before)
      .filter(([k]) => !after[k])
      .map(([, p]) => p);
    if (added.length > 0) this.emitter.emit('participantsAdded', { participantsAdded: added, addedBy: by });
    if (removed.length > 0) this.emitter.emit('participantsRemoved', { participantsRemoved: removed, removedBy: by });
  }

  private onFrame(frame: ChatServerFrame): void {
    if (this.disposed) return;
    switch (frame.type) {
      case 'chat.history':
        if (!this.inCall) return;
        return this.setState(withHistory(this.state, frame));
      case 'chat.message': {
        if (!this.inCall) return;
        const { type: _type, ...message } = frame;
        this.setState(withMessage(this.state, message));
        if (message.clientMessageId !== undefined) this.settle(message.clientMessageId);
        // As the Azure adapter: every message is "received" (the unread badge counts them while the
        // chat pane is closed), and one of ours is also "sent".
        const chatMessage = toChatMessage(message);
        this.emitter.emit('messageReceived', { message: chatMessage });
        if (message.senderId === flatId(this.state.userId)) this.emitter.emit('messageSent', { message: chatMessage });
        return;
      }
      case 'chat.typing':
        if (!this.inCall) return;
        this.setState(withTyping(this.state, frame.from, this.now()));
        this.scheduleTypingExpiry();
        return;
      case 'chat.read': {
        if (!this.inCall) return;
        const { type: _type, ...receipt } = frame;
        this.setState(withReceipt(this.state, receipt));
        const message = this.state.thread.chatMessages[receipt.messageId];
        if (message) this.emitter.emit('messageRead', { message, readBy: toIdentifier(receipt.from) });
        return;
      }
      case 'chat.refused':
        if (frame.clientMessageId !== undefined) return this.settle(frame.clientMessageId, frame.message);
        // Typing or a receipt refused: nothing the user asked for failed; note it for developers.
        console.warn(`[vestibule chat] the meeting refused a chat frame: ${frame.code}: ${frame.message}`);
        return;
    }
  }

  /** Typing indicators fade after TYPING_WINDOW_MS: re-render then, like the stateful client does. */
  private scheduleTypingExpiry(): void {
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => {
      this.typingTimer = undefined;
      if (this.disposed) return;
      this.setState(withoutStaleTyping(this.state, this.now()));
      if (this.state.thread.typingIndicators.length > 0) this.scheduleTypingExpiry();
    }, TYPING_WINDOW_MS);
  }

  /** Resolves (no `failure`) or fails the pending send `clientMessageId`. */
  private settle(clientMessageId: string, failure?: string): void {
    const pending = this.pending.get(clientMessageId);
    if (!pending) return;
    this.pending.delete(clientMessageId);
    clearTimeout(pending.timer);
    if (failure === undefined) return pending.resolve();
    this.setState(withFailed(this.state, clientMessageId));
    const error = new LocalChatError('ChatThreadClient.sendMessage', failure);
    this.report(error);
    pending.reject(error);
  }

  private fail(clientMessageId: string, message: string): never {
    this.setState(withFailed(this.state, clientMessageId));
    const error = new LocalChatError('ChatThreadClient.sendMessage', message);
    this.report(error);
    throw error;
  }

  private failPending(message: string): void {
    for (const id of [...this.pending.keys()]) this.settle(id, message);
  }
}
