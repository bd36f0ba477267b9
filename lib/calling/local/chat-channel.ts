/**
 * The meeting chat's way onto the call's socket: the local ChatAdapter (lib/chat/local) sends chat
 * frames through here and hears the server's chat frames, without knowing the call session. The
 * chat belongs to the call in Teams (an ACS user has the meeting's chat only while in the call), so
 * it rides the same socket instead of opening its own.
 */
import type { ClientMessage, ServerMessage } from '@/lib/contracts/calling-protocol';

export type ChatClientFrame = Extract<ClientMessage, { type: `chat.${string}` }>;
export type ChatServerFrame = Extract<ServerMessage, { type: `chat.${string}` }>;

export function isChatFrame(message: ServerMessage): message is ChatServerFrame {
  return message.type.startsWith('chat.');
}

/** Enough for a long meeting's chat; beyond it the oldest frames after the history are dropped. */
const MAX_BACKLOG = 2000;

export class ChatChannel {
  private readonly listeners = new Set<(frame: ChatServerFrame) => void>();
  /**
   * The call's chat so far: the latest `chat.history` and what came after it. The ChatAdapter may be
   * made after the call connected (when the chat pane first opens, say); it gets this replayed.
   * Typing indicators are not kept: they are stale by then.
   */
  private backlog: ChatServerFrame[] = [];

  /** `sendFrame` returns false when the socket is not joined (nothing is queued). */
  constructor(private readonly sendFrame: (frame: ChatClientFrame) => boolean) {}

  /** Sends a chat frame; false when the call's socket is not up (the frame is dropped, not queued). */
  send(frame: ChatClientFrame): boolean {
    return this.sendFrame(frame);
  }

  /** Hears every chat frame from the server; returns the unsubscribe. */
  subscribe(listener: (frame: ChatServerFrame) => void): () => void {
    this.listeners.add(listener);
    for (const frame of [...this.backlog]) listener(frame);
    return () => this.listeners.delete(listener);
  }

  /** Called by the call session for each chat frame it receives. */
  deliver(frame: ChatServerFrame): void {
    if (frame.type === 'chat.history') this.backlog = [frame];
    else if (frame.type !== 'chat.typing' && this.backlog.length > 0) {
      this.backlog.push(frame);
      if (this.backlog.length > MAX_BACKLOG) this.backlog.splice(1, 1);
    }
    for (const listener of [...this.listeners]) listener(frame);
  }

  /** The call ended: its chat is gone (an ACS user keeps no meeting chat after leaving). */
  reset(): void {
    this.backlog = [];
  }
}
