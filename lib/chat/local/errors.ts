/**
 * Errors of the local ChatAdapter, shaped like the UI Library's `AdapterError` (through the local
 * call adapter's `LocalAdapterError`) so app code handles both clouds alike. Targets name the chat
 * operation as the Azure adapter's do (`ChatThreadClient.sendMessage`, …).
 */
import { LocalAdapterError } from '@/lib/calling/local/errors';

export class LocalChatError extends LocalAdapterError {
  constructor(target: string, message: string, innerError?: unknown) {
    super(target, message, innerError);
    this.name = 'LocalChatError';
  }
}

/** For chat operations the emulator's meeting chat does not have (see local-chat-adapter.ts). */
export class UnsupportedChatOperationError extends LocalChatError {
  constructor(operation: string, what: string) {
    super(
      `ChatThreadClient.${operation}`,
      `${what} is not available in local mode: the emulator's meeting chat does not implement it. It works with Azure Communication Services.`,
    );
    this.name = 'UnsupportedChatOperationError';
  }
}
