/**
 * The wire protocol between Vestibule's local CallAdapter (browser) and the emulator's calling
 * service (`ws://localhost:4010/calling`). JSON text frames, one message per frame. In Azure mode none
 * of this is used: the ACS Calling SDK talks to ACS.
 *
 * Pure and isomorphic: imported by the browser adapter and by the emulator (the emulator may import
 * the contract modules; the app never imports emulator code). The message shapes are zod schemas in
 * `calling-protocol-schemas.ts`, which the emulator validates every frame with, strictly. This module
 * holds no zod: the browser loads it with the call, and zod alone would add ~30 KB gzipped to every
 * guest, so the browser checks the server's frames with `readServerFrame` below (a small hand check,
 * tested against the schemas).
 *
 * Flow:
 *   client → join {token, meeting, displayName, state}        (first frame, within 10 s)
 *   server → joined {self, participants, lobby, state: 'InLobby' | 'Connected'}
 *   server → admitted {participants}                           (InLobby → Connected)
 *   both   ↔ signal {to/from, description | candidate}         (WebRTC mesh between Connected peers)
 *   client → state {muted, cameraOn, …}                        → server → participant.updated to others
 *   server → ended {code, subCode, reason}                     (then the server closes the socket)
 * A client whose socket drops sends join again with `resume` within RESUME_GRACE_MS and stays the
 * same participant (same id; peers keep their tiles and renegotiate). The token is checked again on
 * a resume: a revoked one ends with END.unauthorized (revocation stops tokens, it does not end a call
 * already joined). A resume that comes after the participant's call ended while it was away (grace
 * period over, the organizer ended the meeting, removed, lobby timeout) gets that `ended` (e.g.
 * END.dropped); any other resume the server can't honour (unknown id, wrong key) is served as a fresh
 * join: `joined` with `resumed: false` and a new id.
 *
 * Added by the emulator's calling service (documentation only; no shape changed):
 * - Perfect negotiation: of two peers, the one with the lexically greater participant id is the
 *   polite one (it rolls back its own offer on glare); the other is impolite (ignores the colliding
 *   offer). Both sides may offer; `from` on a relayed `signal` is always set by the server.
 * - Socket close codes: 1000 after an `ended` frame (the call is over for this client, do not
 *   reconnect); 1012 when the emulator shuts down or restarts (no `ended`: rejoin, and resume);
 *   1008 for a join timeout or a flood of frames; 1009 for a frame over MAX_FRAME_BYTES (the
 *   server's `maxPayload`, so it can't be answered with an `error` frame); 1001/1006 and anything
 *   else: the network. Everything but 1000 means "reconnect and resume".
 * - Flood limit: a token bucket per socket, FLOOD_RATE_PER_S frames per second sustained with bursts
 *   up to FLOOD_BURST; beyond it the socket is closed with 1008 (the participant can resume).
 * - `participant.left` for someone who was only in the lobby (reason 'denied', 'left' or 'dropped')
 *   goes to organizers/presenters only, next to the `lobby.updated` without them.
 *
 * Meeting chat (the Teams meeting's chat thread, carried on the same socket; emulator/calling/chat.ts):
 *   server → chat.history {threadId, topic, messages, readReceipts}   once Connected (after `joined`
 *            or `admitted`, again after a resume) to those who may chat; nobody else gets one
 *   client → chat.send {clientMessageId, content}  → server → chat.message to every chatting member,
 *            the sender's copy carrying its clientMessageId (that is the "sent" acknowledgement)
 *   client → chat.typing                           → server → chat.typing {from} to the others
 *   client → chat.read {messageId}                 → server → chat.read {from, messageId, readOn} to the others
 *   server → chat.refused {clientMessageId?, code, message}  when a chat frame is not allowed
 *            (CHAT_REFUSALS); the call goes on
 * Plain text only (no `type`: there is no HTML to send), at most MAX_CHAT_MESSAGE_BYTES of UTF-8.
 * Who may chat: a Connected participant (never the lobby) of a meeting whose `allowMeetingChat` is not
 * `disabled`, whose token has a chat scope (ACS: `chat`, `chat.join` or `chat.join.limited`; Teams
 * users: `Teams.ManageChats`). External (ACS) users see the messages sent from the moment they were
 * admitted, as Teams shows a meeting's chat to people who were not invited; staff see the whole thread.
 * Chat frames count against the flood limit like every other frame.
 */

export const PROTOCOL_VERSION = 1;
/** Largest frame either side accepts; SDP of a mesh peer with three tracks is well under 16 KiB. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** How long a dropped participant is kept before it counts as having left. */
export const RESUME_GRACE_MS = 30_000;
/** A mesh sends every stream to every peer: beyond this many the call degrades, so it is refused. */
export const MAX_PARTICIPANTS = 8;
/** Seconds a socket may stay silent before the server closes it; clients ping every 10 s. */
export const IDLE_TIMEOUT_MS = 30_000;

/** Frames per second a socket may send on average, and the burst it may spend at once (ICE trickle). */
export const FLOOD_RATE_PER_S = 50;
export const FLOOD_BURST = 200;

/** ACS chat: "The maximum message size allowed is approximately 28 KB" (Chat concepts, service limits). */
export const MAX_CHAT_MESSAGE_BYTES = 28 * 1024;

/**
 * `code` of a `chat.refused` frame: in the lobby or otherwise not Connected; the meeting's chat is
 * off (`allowMeetingChat: disabled`); the token has no chat scope; an empty or oversized message; a
 * read receipt for a message this participant cannot see.
 */
export const CHAT_REFUSALS = [
  'not_connected',
  'chat_disabled',
  'chat_not_permitted',
  'empty_message',
  'message_too_large',
  'unknown_message',
] as const;
export type ChatRefusal = (typeof CHAT_REFUSALS)[number];

/** How long the lobby before the meeting lets them go (the emulator's default). */
export const LOBBY_TIMEOUT_MS = 15 * 60_000;

/**
 * Every way a call ends for a participant, as ACS reports it in `call.callEndReason`, with the reason
 * the emulator sends in `ended.reason` (for logs and developers; the composite shows its own text).
 *
 * Only codes Microsoft documents are used, and never a subcode the UI Library (1.34,
 * CallComposite/utils/Utils.js) keys on for something else:
 * - ACS "Troubleshooting call end response codes" (Calling SDK): 0/0 ended by the local participant;
 *   0/4097 ended for all users by the meeting organizer; 0/5300 removed by another participant;
 *   410/301005 removed by the infrastructure after losing connectivity ("they can reconnect");
 *   495/4507 no valid ACS token; 404 call not found; 500/503 infrastructure errors.
 * - The UI Library's own keys: 5854 denied from the Teams lobby (its "Dismissed from lobby" page) and
 *   5751 an invalid meeting identifier (its "Invalid meeting ID or passcode" text, whatever the code).
 * - Microsoft Graph call-end reasons (call-delete): 5855 "participant waiting in lobby was removed
 *   after lobby inactivity timeout" (Graph reports success as 200 where ACS reports 0).
 * Rooms subcodes (5828 not invited, 5829 room not valid, 5830, 5732, 5317) and 5000/560000 mean other
 * things to the composite and are not used. A wrong passcode and an unknown meeting are one end: ACS
 * does not tell a caller which of the two it was.
 */
export const END = {
  left: { code: 0, subCode: 0, reason: 'You left the meeting.' },
  endedForEveryone: { code: 0, subCode: 4097, reason: 'The organizer ended the meeting for everyone.' },
  deniedFromLobby: { code: 0, subCode: 5854, reason: 'Someone in the meeting denied your request to join.' },
  lobbyTimeout: { code: 0, subCode: 5855, reason: 'Nobody admitted you from the lobby in time.' },
  removed: { code: 0, subCode: 5300, reason: 'You were removed from the meeting.' },
  dropped: {
    code: 410,
    subCode: 301005,
    reason: 'Your connection was lost for longer than the meeting waits for a reconnect. Join again.',
  },
  unauthorized: {
    code: 495,
    subCode: 4507,
    reason: 'The access token was refused: it is not valid, has expired or was revoked, or lacks the voip scope.',
  },
  invalidMeeting: {
    code: 404,
    subCode: 5751,
    reason: 'No Teams meeting matches that link, or that meeting ID and passcode.',
  },
  teamsForHome: {
    code: 404,
    subCode: 5751,
    reason: 'Teams for home (teams.live.com) meetings cannot be joined from Azure Communication Services.',
  },
  callFull: {
    code: 503,
    subCode: 0,
    reason: `This meeting already has ${MAX_PARTICIPANTS} participants, the most a local (mesh) call supports.`,
  },
  serviceError: { code: 500, subCode: 0, reason: 'The calling service failed to join the meeting.' },
} as const satisfies Record<string, { code: number; subCode: number; reason: string }>;
export type EndName = keyof typeof END;

/**
 * `code` values of `error` frames (the call goes on): a malformed/unknown frame, anything but `join`
 * before joining, a second `join`, a lobby/remove action by a non-presenter, a signal or screen
 * share while not Connected (or to someone who isn't), an unknown participant id.
 */
export const ERROR_CODES = [
  'invalid_message',
  'not_joined',
  'already_joined',
  'not_allowed',
  'not_connected',
  'unknown_participant',
  'join_timeout',
] as const;

import type { ServerMessage } from './calling-protocol-schemas';

export type {
  ChatMessage,
  ChatReadReceipt,
  ClientMessage,
  MediaState,
  MeetingLocator,
  Participant,
  ParticipantState,
  Role,
  ServerMessage,
} from './calling-protocol-schemas';

// ---------------------------------------------------------------------------------------------------
// The browser's check of the server's frames. The emulator is strict about what browsers send (zod,
// calling-protocol-schemas.ts); here a frame only has to have the shape the adapter reads, so a
// malformed one is dropped instead of throwing deep inside the call. Same verdicts as the schemas on
// the cases calling-protocol.test.ts walks through.

type Check = (value: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string';
const nonEmpty: Check = (v) => typeof v === 'string' && v.length > 0 && v.length <= 200;
const bool: Check = (v) => typeof v === 'boolean';
const int: Check = (v) => Number.isInteger(v);
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const shape =
  (fields: Record<string, Check>): Check =>
  (v) =>
    isObject(v) && Object.entries(fields).every(([key, check]) => check(v[key]));
const list =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);

const participant = shape({
  id: nonEmpty,
  identity: nonEmpty,
  displayName: (v) => typeof v === 'string' && v.trim().length > 0 && v.length <= 256,
  role: oneOf('organizer', 'presenter', 'attendee'),
  external: bool,
  state: oneOf('InLobby', 'Connected'),
  muted: bool,
  cameraOn: bool,
  screenSharing: bool,
  speaking: bool,
  handRaised: bool,
  reconnecting: bool,
});
const description = shape({
  type: oneOf('offer', 'answer', 'pranswer', 'rollback'),
  sdp: optional((v) => typeof v === 'string' && v.length <= MAX_FRAME_BYTES),
});
const candidate = shape({
  candidate: (v) => typeof v === 'string' && v.length <= 2048,
  sdpMid: optional(nullable(str)),
  sdpMLineIndex: optional(nullable(int)),
  usernameFragment: optional(nullable(str)),
});

const chatMessage = shape({
  id: nonEmpty,
  sequenceId: nonEmpty,
  clientMessageId: optional(nonEmpty),
  senderId: nonEmpty,
  senderDisplayName: str,
  content: (v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_CHAT_MESSAGE_BYTES,
  createdOn: nonEmpty,
});
const readReceipt = shape({ from: nonEmpty, messageId: nonEmpty, readOn: nonEmpty });
const CHAT_FRAMES: Record<string, Check> = {
  'chat.history': shape({
    threadId: nonEmpty,
    topic: str,
    messages: list(chatMessage),
    readReceipts: list(readReceipt),
  }),
  'chat.message': chatMessage,
  'chat.typing': shape({ from: nonEmpty }),
  'chat.read': readReceipt,
  'chat.refused': shape({
    clientMessageId: optional(nonEmpty),
    code: oneOf(...CHAT_REFUSALS),
    message: str,
  }),
};

const SERVER_FRAMES: Record<string, Check> = {
  joined: shape({
    callId: nonEmpty,
    self: participant,
    resumeKey: str,
    resumed: bool,
    meeting: shape({ subject: str, threadId: optional(str) }),
    participants: list(participant),
    lobby: list(participant),
  }),
  admitted: shape({ self: participant, participants: list(participant) }),
  'participant.joined': shape({ participant }),
  'participant.updated': shape({ participant }),
  'participant.left': shape({ participantId: nonEmpty, reason: oneOf('left', 'removed', 'dropped', 'denied') }),
  'lobby.updated': shape({ lobby: list(participant) }),
  signal: shape({ from: nonEmpty, description: optional(description), candidate: optional(nullable(candidate)) }),
  ended: shape({ code: int, subCode: int, reason: str }),
  ...CHAT_FRAMES,
  error: shape({ code: str, message: str }),
  pong: () => true,
};

/** A frame's JSON, or undefined when it is over the size cap or not JSON (both sides' first check). */
export function parseJsonFrame(frame: string): unknown {
  if (frame.length > MAX_FRAME_BYTES) return undefined;
  try {
    return JSON.parse(frame) as unknown;
  } catch {
    return undefined;
  }
}

/** One frame from the calling service as a ServerMessage; undefined when it is not JSON or not a known, well-formed message. */
export function readServerFrame(frame: string): ServerMessage | undefined {
  const json = parseJsonFrame(frame);
  if (!isObject(json) || typeof json.type !== 'string' || !Object.hasOwn(SERVER_FRAMES, json.type)) return undefined;
  return SERVER_FRAMES[json.type]!(json) ? (json as unknown as ServerMessage) : undefined;
}
