/**
 * The meeting chat's way onto the call's socket: the local ChatAdapter (lib/chat/local) sends chat
 * frames through here and hears the server's chat frames, without knowing the call session. The
 * chat belongs to the call in Teams (an ACS user has the meeting's chat only while in the call), so
 * it rides the same socket instead of opening its own.
 */
import type { ClientMessage, ServerMessage } from '@/lib/contracts/calling-protocol';

export type ChatClientFrame = Extract<ClientMessage, { type: 'chat.send' | 'chat.typing' | 'chat.read' }>;
export type ChatServerFrame = Extract<
  ServerMessage,
  { type: 'chat.history' | 'chat.message' | 'chat.typing' | 'chat.read' | 'chat.refused' }
>;

export function isChatFrame(message: ServerMessage): message is ChatServerFrame {
  return message.type.startsWith('chat.');
}

export class ChatChannel {
  private readonly listeners = new Set<(frame: ChatServerFrame) => void>();

  /** `sendFrame` returns false when the socket is not joined (nothing is queued). */
  constructor(private readonly sendFrame: (frame: ChatClientFrame) => boolean) {}

  /** Sends a chat frame; false when the call's socket is not up (the frame is dropped, not queued). */
  send(frame: ChatClientFrame): boolean {
    return this.sendFrame(frame);
  }

  /** Hears every chat frame from the server; returns the unsubscribe. */
  subscribe(listener: (frame: ChatServerFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by the call session for each chat frame it receives. */
  deliver(frame: ChatServerFrame): void {
    for (const listener of [...this.listeners]) listener(frame);
  }
}
