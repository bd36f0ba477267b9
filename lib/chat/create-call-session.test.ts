import type { CommunicationTokenRefreshOptions } from '@azure/communication-common';
import type { AzureCommunicationCallWithChatAdapterArgs, CallWithChatAdapter } from '@azure/communication-react';
import { describe, expect, it } from 'vitest';
import type { CreateCallAdapterArgs } from '@/lib/calling/create-call-adapter';
import { ComposedCallWithChatAdapter } from './composed-call-with-chat-adapter';
import { createCallSession, type CallSessionFactories, type CreateCallSessionArgs } from './create-call-session';
import { fakeCallAdapter, fakeChatAdapter } from './fakes.testing';

const GUEST = '8:acs:3d528259-bc30-4a23-9213-a5b6acf2590e_00000000-0000-0000-0000-000000000001';
const STAFF = '8:orgid:6e2f6b5a-3c1d-4f0e-9a1b-2c3d4e5f6a01';
const LINK = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0';
const ENDPOINT = 'https://contoso.communication.azure.com/';

function setup() {
  const call = fakeCallAdapter();
  const chat = fakeChatAdapter();
  const made = {
    calls: [] as CreateCallAdapterArgs[],
    chats: 0,
    azure: [] as AzureCommunicationCallWithChatAdapterArgs[],
  };
  const credentials: Array<{ options: CommunicationTokenRefreshOptions; disposed: number }> = [];
  let azureDisposed = 0;
  const azureAdapter = { dispose: () => void azureDisposed++ } as unknown as CallWithChatAdapter;
  let failAzure = false;
  const factories: CallSessionFactories = {
    call: (args) => {
      made.calls.push(args);
      return Promise.resolve(call.adapter);
    },
    localChat: (c) => {
      expect(c).toBe(call.adapter);
      made.chats++;
      return chat.adapter;
    },
    azureCallWithChat: (args) => {
      made.azure.push(args);
      return failAzure ? Promise.reject(new Error('no ACS')) : Promise.resolve(azureAdapter);
    },
    credential: (options) => {
      const entry = { options, disposed: 0 };
      credentials.push(entry);
      return {
        getToken: () => Promise.resolve({ token: 't', expiresOnTimestamp: 0 }),
        dispose: () => void entry.disposed++,
      };
    },
  };
  return {
    call,
    chat,
    made,
    credentials,
    factories,
    azureAdapter,
    azureDisposed: () => azureDisposed,
    failAzure: () => (failAzure = true),
  };
}

const args = (over: Partial<CreateCallSessionArgs> = {}): CreateCallSessionArgs => ({
  cloud: 'local',
  callingUrl: 'ws://localhost:4010/calling',
  userId: GUEST,
  displayName: 'Gina Guest',
  token: 'token',
  locator: { meetingLink: LINK },
  tokenRefresher: () => Promise.resolve('fresh'),
  ...over,
});

describe('createCallSession', () => {
  it('without chat: the call adapter alone, exactly as createCallAdapter makes it', async () => {
    for (const cloud of ['local', 'azure'] as const) {
      const s = setup();
      const session = await createCallSession(args({ cloud, chat: { enabled: false } }), s.factories);
      expect(session.call).toBe(s.call.adapter);
      expect(session.callWithChat).toBeUndefined();
      expect(s.made.chats + s.made.azure.length).toBe(0);
      expect(s.made.calls[0]).not.toHaveProperty('chat');
      session.dispose();
      expect(s.call.disposed()).toBe(1);
    }
  });

  it('local with chat: the local call adapter composed with the local chat adapter made from it', async () => {
    const s = setup();
    const session = await createCallSession(args({ chat: { enabled: true } }), s.factories);
    expect(session.call).toBe(s.call.adapter);
    expect(session.callWithChat).toBeInstanceOf(ComposedCallWithChatAdapter);
    expect(s.made.chats).toBe(1);
    session.dispose();
    session.dispose();
    expect(s.call.disposed()).toBe(1);
    expect(s.chat.disposed()).toBe(1);
  });

  it('azure guest with chat: the UI Library adapter with the endpoint, the meeting and one proactive credential, disposed with it', async () => {
    const s = setup();
    const session = await createCallSession(
      args({
        cloud: 'azure',
        chat: { enabled: true, acsEndpoint: ENDPOINT },
        locator: { meetingId: '123', passcode: 'p' },
      }),
      s.factories,
    );
    expect(session.call).toBeUndefined();
    expect(session.callWithChat).toBe(s.azureAdapter);
    expect(s.made.calls).toHaveLength(0);
    expect(s.made.azure[0]).toMatchObject({
      endpoint: ENDPOINT,
      userId: { communicationUserId: GUEST },
      displayName: 'Gina Guest',
      locator: { meetingId: '123', passcode: 'p' },
    });
    expect(s.credentials[0]?.options).toMatchObject({ token: 'token', refreshProactively: true });
    session.dispose();
    session.dispose();
    expect(s.azureDisposed()).toBe(1);
    expect(s.credentials[0]?.disposed).toBe(1);
  });

  it('azure: a failed adapter leaves no credential refreshing; a missing endpoint is refused', async () => {
    const s = setup();
    s.failAzure();
    await expect(
      createCallSession(args({ cloud: 'azure', chat: { enabled: true, acsEndpoint: ENDPOINT } }), s.factories),
    ).rejects.toThrow('no ACS');
    expect(s.credentials[0]?.disposed).toBe(1);
    await expect(createCallSession(args({ cloud: 'azure', chat: { enabled: true } }), s.factories)).rejects.toThrow(
      /endpoint/,
    );
  });

  it('azure staff (Teams user): no ACS chat for Teams identities, so the call goes on without it', async () => {
    const s = setup();
    const session = await createCallSession(
      args({ cloud: 'azure', userId: STAFF, chat: { enabled: true, acsEndpoint: ENDPOINT } }),
      s.factories,
    );
    expect(session.call).toBe(s.call.adapter);
    expect(session.callWithChat).toBeUndefined();
    expect(s.made.azure).toHaveLength(0);
  });

  it('local: a chat adapter that cannot be made ends the call adapter too', async () => {
    const s = setup();
    s.factories.localChat = () => Promise.reject(new Error('chat down'));
    await expect(createCallSession(args({ chat: { enabled: true } }), s.factories)).rejects.toThrow('chat down');
    expect(s.call.disposed()).toBe(1);
  });
});
