/**
 * The local chat adapter over a real LocalCallAdapter (fake socket, devices and peer connections):
 * chat frames reach the chat through the call's socket, and the chat ends with the call.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalCallAdapter } from '@/lib/calling/local/adapter';
import { socketFactory } from '@/lib/calling/local/fake-socket.test-util';
import { LocalMedia, type DeviceLists } from '@/lib/calling/local/media';
import { participant } from '@/lib/calling/local/participant.test-util';
import { createLocalChatAdapter } from './create-local-chat-adapter';

const ME = '8:acs:res_a';
const BEA = '8:acs:res_b';

class NoDevices extends LocalMedia {
  constructor() {
    super(undefined);
  }
  override askPermission() {
    return Promise.resolve({ audio: true, video: true });
  }
  override enumerate(): Promise<DeviceLists> {
    return Promise.resolve({ cameras: [], microphones: [], speakers: [] });
  }
  override startMicrophone(): Promise<MediaStreamTrack> {
    return Promise.reject(new DOMException('no microphone', 'NotFoundError'));
  }
  override startSpeakingDetector() {}
}

const fakePeerConnection = () =>
  ({
    connectionState: 'new',
    signalingState: 'stable',
    setLocalDescription: () => Promise.resolve(),
    addTransceiver: () => undefined,
    getTransceivers: () => [],
    close: () => undefined,
    restartIce: () => undefined,
  }) as unknown as RTCPeerConnection;

let sockets: ReturnType<typeof socketFactory>;
let call: LocalCallAdapter;

beforeEach(async () => {
  vi.useFakeTimers();
  sockets = socketFactory();
  call = new LocalCallAdapter({
    callingUrl: 'ws://calling.test/calling',
    userId: ME,
    displayName: 'Ann',
    meeting: { joinUrl: 'https://teams.microsoft.com/meet/123?p=abc' },
    getToken: () => Promise.resolve('token'),
    createSocket: sockets.create,
    media: new NoDevices(),
    createPeerConnection: fakePeerConnection,
    createMediaStream: (tracks) => ({ tracks }) as unknown as MediaStream,
    audioSinkFactory: () => ({
      setStream() {},
      play: () => Promise.resolve(),
      setSinkId: () => Promise.resolve(),
      dispose() {},
    }),
    pageEvents: null,
  });
  call.joinCall({ microphoneOn: false, cameraOn: false });
  await vi.advanceTimersByTimeAsync(0);
  sockets.last().open();
  await vi.advanceTimersByTimeAsync(0);
});
afterEach(() => {
  call.dispose();
  vi.useRealTimers();
});

const bea = participant({ id: 'p-b', identity: BEA, displayName: 'Bea' });

function joinedConnected() {
  sockets.last().receive({
    type: 'joined',
    callId: 'call-1',
    self: participant({ id: 'p-a', identity: ME, displayName: 'Ann' }),
    resumeKey: 'resume-key-0123456789',
    resumed: false,
    meeting: { subject: 'Standup', threadId: '19:meeting_x@thread.v2' },
    participants: [bea],
    lobby: [],
    compliance: { recording: false, transcription: false },
  });
  sockets.last().receive({
    type: 'chat.history',
    threadId: '19:meeting_x@thread.v2',
    topic: 'Standup',
    messages: [
      {
        id: '1700000000001',
        sequenceId: '1',
        senderId: BEA,
        senderDisplayName: 'Bea',
        content: 'Morning!',
        createdOn: '2026-12-01T09:00:00.000Z',
      },
    ],
    readReceipts: [],
  });
}

describe('the local chat adapter over the local call adapter', () => {
  it("shows the call's chat, sends on the call's socket, and empties when the call ends", async () => {
    const chat = createLocalChatAdapter(call);
    joinedConnected();
    expect(chat.getState().thread.threadId).toBe('19:meeting_x@thread.v2');
    expect(Object.values(chat.getState().thread.chatMessages).map((m) => m.content?.message)).toEqual(['Morning!']);
    expect(Object.keys(chat.getState().thread.participants).sort()).toEqual([ME, BEA].sort());

    const sending = chat.sendMessage('Hi Bea');
    const sent = sockets.last().sentOfType('chat.send')[0];
    expect(sent).toMatchObject({ content: 'Hi Bea' });
    sockets.last().receive({
      type: 'chat.message',
      id: '1700000000002',
      sequenceId: '2',
      clientMessageId: sent!.clientMessageId,
      senderId: ME,
      senderDisplayName: 'Ann',
      content: 'Hi Bea',
      createdOn: '2026-12-01T09:01:00.000Z',
    });
    await sending;
    expect(chat.getState().thread.chatMessages['1700000000002']?.status).toBe('delivered');

    sockets.last().receive({ type: 'ended', code: 0, subCode: 4097, reason: 'The organizer ended the meeting.' });
    expect(chat.getState().thread.chatMessages).toEqual({});
    await expect(chat.sendMessage('anyone?')).rejects.toThrow(/once you are in the meeting/);
    chat.dispose();
  });

  it('gives a chat adapter made later in the call the chat so far', () => {
    joinedConnected();
    const chat = createLocalChatAdapter(call);
    expect(Object.values(chat.getState().thread.chatMessages).map((m) => m.content?.message)).toEqual(['Morning!']);
    chat.dispose();
  });
});
