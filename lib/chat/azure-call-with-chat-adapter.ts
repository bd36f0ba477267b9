/**
 * The Azure branch of call-with-chat, in its own module so local mode never loads it. Imported by
 * name, like lib/calling/azure-call-adapter.ts: a whole-package import would bring calling effects.
 * For a Teams meeting locator the UI Library's adapter joins the call and, once connected, the
 * meeting's chat thread named by the call (no thread id needed, none is given).
 */
import {
  createAzureCommunicationCallWithChatAdapter,
  type AzureCommunicationCallWithChatAdapterArgs,
  type CallWithChatAdapter,
} from '@azure/communication-react';

export function createAzureCallWithChatAdapter(
  args: AzureCommunicationCallWithChatAdapterArgs,
): Promise<CallWithChatAdapter> {
  return createAzureCommunicationCallWithChatAdapter(args);
}
