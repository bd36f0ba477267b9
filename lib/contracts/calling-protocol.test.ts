import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CHAT_MESSAGE_BYTES, readServerFrame, type Participant } from './calling-protocol';
import { parseFrame, ServerMessage } from './calling-protocol-schemas';

const someone: Participant = {
  id: 'p-1',
  identity: '8:acs:resource_00000000-0000-0000-0000-000000000001',
  displayName: 'Ada Guest',
  role: 'attendee',
  external: true,
  state: 'Connected',
  muted: false,
  cameraOn: true,
  screenSharing: false,
  speaking: false,
  handRaised: false,
  reconnecting: false,
};

const chatLine = {
  id: '1700000000001',
  sequenceId: '1',
  senderId: someone.identity,
  senderDisplayName: 'Ada Guest',
  content: '<img src=x onerror=alert(1)>',
  createdOn: '2026-12-01T10:00:00.000Z',
};

/** Frames the emulator sends in a call, and frames it never would. */
const VALID = [
  {
    type: 'joined',
    callId: 'c-1',
    self: someone,
    resumeKey: 'k'.repeat(32),
    resumed: false,
    meeting: { subject: 'Weekly' },
    participants: [{ ...someone, id: 'p-2' }],
    lobby: [],
  },
  { type: 'admitted', self: someone, participants: [] },
  { type: 'participant.joined', participant: someone },
  { type: 'participant.updated', participant: { ...someone, muted: true } },
  { type: 'participant.left', participantId: 'p-2', reason: 'denied' },
  { type: 'lobby.updated', lobby: [{ ...someone, state: 'InLobby' }] },
  { type: 'signal', from: 'p-2', description: { type: 'offer', sdp: 'v=0' } },
  { type: 'signal', from: 'p-2', candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 } },
  { type: 'signal', from: 'p-2', candidate: null },
  { type: 'ended', code: 0, subCode: 5854, reason: 'denied' },
  { type: 'error', code: 'not_allowed', message: 'Only presenters can admit.' },
  { type: 'pong' },
  {
    type: 'chat.history',
    threadId: '19:meeting_x@thread.v2',
    topic: 'Weekly',
    messages: [chatLine],
    readReceipts: [{ from: someone.identity, messageId: '1700000000001', readOn: '2026-12-01T10:00:00.000Z' }],
  },
  { type: 'chat.message', ...chatLine, clientMessageId: 'c-1' },
  { type: 'chat.typing', from: someone.identity },
  { type: 'chat.read', from: someone.identity, messageId: '1700000000001', readOn: '2026-12-01T10:00:00.000Z' },
  { type: 'chat.refused', clientMessageId: 'c-1', code: 'message_too_large', message: 'Too long.' },
  { type: 'chat.refused', code: 'not_connected', message: 'From the lobby: no.' },
];

const INVALID = [
  { type: 'joined', callId: 'c-1', self: someone, resumeKey: 'k', resumed: false, participants: [], lobby: [] },
  { type: 'participant.joined', participant: { ...someone, role: 'owner' } },
  { type: 'participant.joined', participant: { ...someone, muted: 'yes' } },
  { type: 'participant.left', participantId: '', reason: 'left' },
  { type: 'participant.left', participantId: 'p-2', reason: 'kicked' },
  { type: 'lobby.updated', lobby: [{ ...someone, state: 'Ringing' }] },
  { type: 'signal', description: { type: 'offer', sdp: 'v=0' } },
  { type: 'signal', from: 'p-2', description: { type: 'hello' } },
  { type: 'ended', code: 0.5, subCode: 0, reason: 'x' },
  { type: 'chat.message', ...chatLine, content: '' },
  { type: 'chat.message', ...chatLine, content: 'x'.repeat(MAX_CHAT_MESSAGE_BYTES + 1) },
  { type: 'chat.message', ...chatLine, senderId: undefined },
  { type: 'chat.refused', code: 'nope', message: 'unknown refusal' },
  { type: 'chat.history', threadId: 't', topic: 'x', messages: [{ ...chatLine, id: 7 }], readReceipts: [] },
  { type: 'chat.read', from: someone.identity, messageId: '1' },
  { type: 'toString' },
  { type: 'admit', participantIds: 'all' },
  ['pong'],
  'pong',
  null,
];

describe("the browser's check of server frames", () => {
  it.each(VALID.map((frame) => [frame.type, frame] as const))('accepts a well-formed %s frame', (_type, frame) => {
    expect(readServerFrame(JSON.stringify(frame))).toEqual(parseFrame(ServerMessage, JSON.stringify(frame)));
  });

  it.each(INVALID.map((frame, i) => [i, frame] as const))(
    'drops malformed frame #%i, as the schema does',
    (_i, frame) => {
      expect(parseFrame(ServerMessage, JSON.stringify(frame))).toBeUndefined();
      expect(readServerFrame(JSON.stringify(frame))).toBeUndefined();
    },
  );

  it('drops text that is not JSON and frames over the size limit', () => {
    expect(readServerFrame('{"type":"pong"')).toBeUndefined();
    expect(readServerFrame(JSON.stringify({ type: 'error', code: 'x', message: 'm'.repeat(70_000) }))).toBeUndefined();
  });

  it('never accepts a frame the schema refuses (random mutations of valid frames)', () => {
    const keys = [
      'type',
      'self',
      'participant',
      'participants',
      'lobby',
      'from',
      'reason',
      'code',
      'muted',
      'role',
      'content',
      'messageId',
      'messages',
      'threadId',
    ];
    const junk = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()));
    fc.assert(
      fc.property(fc.constantFrom(...VALID), fc.constantFrom(...keys), junk, (frame, key, value) => {
        const mutated = JSON.parse(JSON.stringify(frame)) as Record<string, unknown>;
        if ('participant' in mutated && key !== 'participant' && key !== 'type') {
          (mutated.participant as Record<string, unknown>)[key] = value;
        } else {
          mutated[key] = value;
        }
        const text = JSON.stringify(mutated);
        if (parseFrame(ServerMessage, text) === undefined) expect(readServerFrame(text)).toBeUndefined();
      }),
    );
  });
});
