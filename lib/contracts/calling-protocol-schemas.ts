/**
 * The calling protocol's message shapes as zod schemas: the emulator parses every frame a browser
 * sends with these (strictly: an unknown type, a missing field or an oversized string is refused),
 * and its test client parses the server's. The browser does not load zod; it checks the server's
 * frames with `readServerFrame` in `calling-protocol.ts`, whose agreement with these schemas is tested.
 * Constants and end reasons live in `calling-protocol.ts`.
 */
import { z } from 'zod';
import {
  CHAT_REFUSALS,
  MAX_CHAT_MESSAGE_BYTES,
  MAX_FRAME_BYTES,
  parseJsonFrame,
  PROTOCOL_VERSION,
} from './calling-protocol';

const id = z.string().min(1).max(200);
const displayName = z.string().trim().min(1).max(256);

export const Role = z.enum(['organizer', 'presenter', 'attendee']);
export type Role = z.infer<typeof Role>;

export const ParticipantState = z.enum(['InLobby', 'Connected']);
export type ParticipantState = z.infer<typeof ParticipantState>;

export const Participant = z.object({
  /** Per-call participant id (a new one per join, kept across a resume). */
  id,
  /** The flat ACS identifier: `8:acs:<resource>_<guid>` for guests, `8:orgid:<oid>` for staff. */
  identity: id,
  displayName,
  role: Role,
  /** External (ACS) users in a Teams meeting; Teams shows them with "(External)". */
  external: z.boolean(),
  state: ParticipantState,
  muted: z.boolean(),
  cameraOn: z.boolean(),
  screenSharing: z.boolean(),
  speaking: z.boolean(),
  handRaised: z.boolean(),
  /** True while the participant's socket is gone but within the resume grace period. */
  reconnecting: z.boolean(),
});
export type Participant = z.infer<typeof Participant>;

export const MeetingLocator = z.union([
  z.object({ joinUrl: z.string().min(1).max(4096) }),
  z.object({ meetingId: z.string().min(1).max(40), passcode: z.string().max(40) }),
]);
export type MeetingLocator = z.infer<typeof MeetingLocator>;

export const MediaState = z.object({
  muted: z.boolean(),
  cameraOn: z.boolean(),
});
export type MediaState = z.infer<typeof MediaState>;

const sessionDescription = z.object({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.string().max(MAX_FRAME_BYTES).optional(),
});
const iceCandidate = z.object({
  candidate: z.string().max(2048),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

/** A message of the meeting's chat thread, as the service sends it (plain text, never HTML). */
export const ChatMessage = z.object({
  /** The service's id (ACS-style: digits of the epoch milliseconds); a client's key once sent. */
  id,
  /** Position in the thread, as a decimal string like ACS's `sequenceId`. */
  sequenceId: id,
  /** Only on the sender's own copy: the id its `chat.send` chose, so it can match its pending message. */
  clientMessageId: id.optional(),
  /** The sender's flat identifier (`8:acs:…`, `8:orgid:…`). */
  senderId: id,
  senderDisplayName: z.string().max(256),
  content: z.string().min(1).max(MAX_CHAT_MESSAGE_BYTES),
  /** ISO 8601. */
  createdOn: id,
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ChatReadReceipt = z.object({ from: id, messageId: id, readOn: id });
export type ChatReadReceipt = z.infer<typeof ChatReadReceipt>;

/** What the browser sends. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('join'),
    v: z.literal(PROTOCOL_VERSION),
    token: z.string().min(1).max(8192),
    meeting: MeetingLocator,
    displayName,
    state: MediaState,
    /** To resume after a dropped socket: the id and secret from the earlier `joined`. */
    resume: z.object({ participantId: id, resumeKey: z.string().min(16).max(128) }).optional(),
  }),
  z.object({
    type: z.literal('signal'),
    to: id,
    description: sessionDescription.optional(),
    candidate: iceCandidate.nullable().optional(),
  }),
  z.object({
    type: z.literal('state'),
    muted: z.boolean().optional(),
    cameraOn: z.boolean().optional(),
    screenSharing: z.boolean().optional(),
    speaking: z.boolean().optional(),
    handRaised: z.boolean().optional(),
  }),
  z.object({ type: z.literal('lobby.admit'), participantIds: z.union([z.array(id).min(1).max(50), z.literal('all')]) }),
  z.object({ type: z.literal('lobby.reject'), participantId: id }),
  z.object({ type: z.literal('remove'), participantId: id }),
  /** `forEveryone` from the organizer ends the meeting for all (END.endedForEveryone); from anyone else it is a plain leave. */
  z.object({ type: z.literal('leave'), forEveryone: z.boolean().optional() }),
  z.object({ type: z.literal('ping') }),
  // Meeting chat. The content's real limit (MAX_CHAT_MESSAGE_BYTES of UTF-8) is checked by the chat
  // module, which answers with a `chat.refused` naming the message; the schema only caps the frame.
  z.object({ type: z.literal('chat.send'), clientMessageId: id, content: z.string().max(MAX_FRAME_BYTES) }),
  z.object({ type: z.literal('chat.typing') }),
  z.object({ type: z.literal('chat.read'), messageId: id }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** What the emulator sends. */
export const ServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('joined'),
    callId: id,
    self: Participant,
    resumeKey: z.string(),
    resumed: z.boolean(),
    meeting: z.object({ subject: z.string(), threadId: z.string().optional() }),
    /** Everyone else who is Connected (empty while self is InLobby). */
    participants: z.array(Participant),
    /** People waiting in the lobby: sent to organizers and presenters only. */
    lobby: z.array(Participant),
  }),
  z.object({ type: z.literal('admitted'), self: Participant, participants: z.array(Participant) }),
  z.object({ type: z.literal('participant.joined'), participant: Participant }),
  z.object({ type: z.literal('participant.updated'), participant: Participant }),
  z.object({
    type: z.literal('participant.left'),
    participantId: id,
    reason: z.enum(['left', 'removed', 'dropped', 'denied']),
  }),
  z.object({ type: z.literal('lobby.updated'), lobby: z.array(Participant) }),
  z.object({
    type: z.literal('signal'),
    from: id,
    description: sessionDescription.optional(),
    candidate: iceCandidate.nullable().optional(),
  }),
  z.object({ type: z.literal('ended'), code: z.number().int(), subCode: z.number().int(), reason: z.string() }),
  /** A refused message; the call goes on. `code` names the rule (e.g. 'invalid_message', 'not_allowed'). */
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('pong') }),
  z.object({
    type: z.literal('chat.history'),
    threadId: id,
    /** The thread's topic: the meeting's subject, as in Teams. */
    topic: z.string(),
    messages: z.array(ChatMessage),
    /** The latest read receipt of each other participant. */
    readReceipts: z.array(ChatReadReceipt),
  }),
  ChatMessage.extend({ type: z.literal('chat.message') }),
  z.object({ type: z.literal('chat.typing'), from: id }),
  ChatReadReceipt.extend({ type: z.literal('chat.read') }),
  z.object({
    type: z.literal('chat.refused'),
    clientMessageId: id.optional(),
    code: z.enum(CHAT_REFUSALS),
    message: z.string(),
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Parses one frame; undefined when it is not valid JSON or not a valid message. */
export function parseFrame<T extends z.ZodType>(schema: T, frame: string): z.infer<T> | undefined {
  const json = parseJsonFrame(frame);
  if (json === undefined) return undefined;
  const result = schema.safeParse(json);
  return result.success ? result.data : undefined;
}
