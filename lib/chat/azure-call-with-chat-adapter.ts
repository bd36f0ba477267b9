/**
 * The Azure branch of call-with-chat, in its own module so local mode never loads it. Imported by
 * name, like lib/calling/azure-call-adapter.ts: a whole-package import would bring calling effects.
 * For a Teams meeting locator the UI Library's adapter joins the call and, once connected, the
 * meeting's chat thread named by the call (no thread id needed, none is given). With Vestibule's
 * reaction sprites, as the call-only adapters get them (lib/calling/reaction-resources.ts).
 */
import {
  createAzureCommunicationCallWithChatAdapter,
  type AzureCommunicationCallWithChatAdapterArgs,
  type CallWithChatAdapter,
} from '@azure/communication-react';
import { REACTION_RESOURCES } from '@/lib/calling/reaction-resources';

export function createAzureCallWithChatAdapter(
  args: AzureCommunicationCallWithChatAdapterArgs,
): Promise<CallWithChatAdapter> {
  // The composite draws its React button only when the call adapter has reaction sprites.
  return createAzureCommunicationCallWithChatAdapter({
    ...args,
    callAdapterOptions: { reactionResources: REACTION_RESOURCES, ...args.callAdapterOptions },
  });
}
