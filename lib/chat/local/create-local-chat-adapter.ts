/**
 * The local cloud's ChatAdapter for a meeting, made from the meeting's call adapter: the chat rides
 * the call's socket (Teams gives an ACS user the meeting chat only while in the call). `chat-ui`
 * composes it with the call adapter into a `CallWithChatAdapter`, only when the meeting allows chat.
 */
import type { ChatAdapter, CommonCallAdapter } from '@azure/communication-react';
import { isLocalCallAdapter } from '@/lib/calling/local/brand';
import { LocalChatAdapter, type LocalChatAdapterOptions } from './local-chat-adapter';

export function createLocalChatAdapter(callAdapter: CommonCallAdapter, options?: LocalChatAdapterOptions): ChatAdapter {
  if (!isLocalCallAdapter(callAdapter)) {
    throw new TypeError(
      'createLocalChatAdapter needs the local call adapter (VESTIBULE_CLOUD=local); in Azure mode the UI Library joins the meeting chat itself.',
    );
  }
  return new LocalChatAdapter(callAdapter, callAdapter.chatChannel(), options);
}
