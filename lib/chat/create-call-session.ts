/**
 * What a call page joins with, chat included when allowed: the call adapter from `createCallAdapter`
 * and, when the meeting's chat is on for this token, a `CallWithChatAdapter` for `CallWithChatComposite`.
 *
 * - chat not allowed: the call adapter alone (the `CallComposite` path, as before chat existed);
 * - `local`: the local call adapter plus `createLocalChatAdapter(call)` (the meeting's chat over the
 *   emulator's calling service), composed by `ComposedCallWithChatAdapter`;
 * - `azure`, ACS user (guests): the UI Library's `createAzureCommunicationCallWithChatAdapter`, which
 *   owns its call adapter, so the session has no separate `call`; the token credential is ours and is
 *   disposed with it (see create-call-adapter.ts for why);
 * - `azure`, Teams user (staff): no chat. The ACS Chat SDK and the UI Library's chat adapter take ACS
 *   identities only (`AzureCommunicationCallWithChatAdapterArgs.userId` is a `CommunicationUserIdentifier`;
 *   a Teams user's token from `getTokenForTeamsUser` is for calling): staff chat in Teams itself.
 *
 * Browser-only, like `createCallAdapter`.
 */
import type { CommunicationTokenCredential, CommunicationTokenRefreshOptions } from '@azure/communication-common';
import { createIdentifierFromRawId, isCommunicationUserIdentifier } from '@azure/communication-common';
import type {
  AzureCommunicationCallWithChatAdapterArgs,
  CallWithChatAdapter,
  ChatAdapter,
  CommonCallAdapter,
} from '@azure/communication-react';
import { createCallAdapter, type CreateCallAdapterArgs } from '@/lib/calling/create-call-adapter';
import { ComposedCallWithChatAdapter } from './composed-call-with-chat-adapter';

/** What the token route (or the host page) said about chat for this join. */
export interface ChatGrant {
  enabled: boolean;
  /** Azure mode: the ACS resource's endpoint, for the browser's chat client. */
  acsEndpoint?: string;
}

export interface CreateCallSessionArgs extends CreateCallAdapterArgs {
  chat?: ChatGrant;
}

export interface CallSession {
  /**
   * The call adapter, where the page has one of its own: always in local mode and without chat.
   * Absent only for an Azure call with chat, whose call adapter the UI Library keeps inside.
   */
  call?: CommonCallAdapter;
  /** Present when the meeting's chat is on and this cloud and identity can have it. */
  callWithChat?: CallWithChatAdapter;
  /** Ends everything made for this join (adapters, token credential); safe to call twice. */
  dispose(): void;
}

/** How each part is built; tests pass their own to see what each branch is given. */
export interface CallSessionFactories {
  call(args: CreateCallAdapterArgs): Promise<CommonCallAdapter>;
  localChat(call: CommonCallAdapter): ChatAdapter | Promise<ChatAdapter>;
  azureCallWithChat(args: AzureCommunicationCallWithChatAdapterArgs): Promise<CallWithChatAdapter>;
  credential(
    options: CommunicationTokenRefreshOptions,
  ): CommunicationTokenCredential | Promise<CommunicationTokenCredential>;
}

const DEFAULT_FACTORIES: CallSessionFactories = {
  call: (args) => createCallAdapter(args),
  async localChat(call) {
    const { createLocalChatAdapter } = await import('./local/create-local-chat-adapter');
    return createLocalChatAdapter(call);
  },
  async azureCallWithChat(args) {
    const { createAzureCallWithChatAdapter } = await import('./azure-call-with-chat-adapter');
    return createAzureCallWithChatAdapter(args);
  },
  async credential(options) {
    const { createTokenCredential } = await import('@/lib/calling/azure-call-adapter');
    return createTokenCredential(options);
  },
};

function callOnly(call: CommonCallAdapter): CallSession {
  return { call, dispose: () => call.dispose() };
}

export async function createCallSession(
  args: CreateCallSessionArgs,
  factories: CallSessionFactories = DEFAULT_FACTORIES,
): Promise<CallSession> {
  const { chat, ...callArgs } = args;
  if (!chat?.enabled) return callOnly(await factories.call(callArgs));

  if (args.cloud === 'local') {
    const call = await factories.call(callArgs);
    let chatAdapter: ChatAdapter;
    try {
      chatAdapter = await factories.localChat(call);
    } catch (error) {
      call.dispose();
      throw error;
    }
    const callWithChat = new ComposedCallWithChatAdapter(call, chatAdapter);
    return { call, callWithChat, dispose: callWithChat.dispose };
  }

  const identifier = createIdentifierFromRawId(args.userId);
  // Staff (Teams users) have no ACS chat: their call goes on without it (see above).
  if (!isCommunicationUserIdentifier(identifier)) return callOnly(await factories.call(callArgs));
  if (!chat.acsEndpoint) throw new Error('Chat in Azure mode needs the ACS endpoint (acsEndpoint).');

  const credential = await factories.credential({
    token: args.token,
    tokenRefresher: args.tokenRefresher,
    refreshProactively: true,
  });
  let callWithChat: CallWithChatAdapter;
  try {
    callWithChat = await factories.azureCallWithChat({
      endpoint: chat.acsEndpoint,
      userId: identifier,
      displayName: args.displayName,
      credential,
      locator:
        'meetingLink' in args.locator
          ? { meetingLink: args.locator.meetingLink }
          : { meetingId: args.locator.meetingId, passcode: args.locator.passcode },
    });
  } catch (error) {
    credential.dispose();
    throw error;
  }
  let disposed = false;
  return {
    callWithChat,
    dispose() {
      if (disposed) return;
      disposed = true;
      callWithChat.dispose();
      credential.dispose();
    },
  };
}
