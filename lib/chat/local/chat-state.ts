/**
 * The local ChatAdapter's state as pure functions: the UI Library's `ChatAdapterState` built from the
 * calling service's chat frames and the call's own state. Every function returns new objects along
 * each changed path (the composite's selectors are memoized on identity) and leaves the rest shared.
 *
 * Messages are always `type: 'text'` with the content exactly as sent: the composite renders text
 * messages as React text (links through react-linkify, http/https/mailto only), so markup from
 * another participant shows as the characters it is and is never parsed as HTML. Nothing a sender
 * chooses can make a message `html`: the wire has no type field.
 */
import type { CallAdapterState, ChatAdapterState, ChatMessageWithStatus } from '@azure/communication-react';
import type { ChatMessage as WireMessage, ChatReadReceipt as WireReceipt } from '@/lib/contracts/calling-protocol';
import { flatId, toIdentifier } from '@/lib/calling/local/state';

type Thread = ChatAdapterState['thread'];
export type ChatParticipant = Thread['participants'][string];
export type TypingIndicator = Thread['typingIndicators'][number];
export type ReadReceipt = Thread['readReceipts'][number];

/** The UI Library keeps typing indicators this long (`MINIMUM_TYPING_INTERVAL_IN_MILLISECONDS`). */
export const TYPING_WINDOW_MS = 8_000;

export function initialChatState(call: Pick<CallAdapterState, 'userId' | 'displayName'>): ChatAdapterState {
  return {
    userId: call.userId,
    displayName: call.displayName ?? '',
    thread: emptyThread(''),
    latestErrors: {},
  };
}

function emptyThread(threadId: string, topic?: string): Thread {
  return {
    threadId,
    chatMessages: {},
    participants: {},
    readReceipts: [],
    typingIndicators: [],
    latestReadTime: new Date(0),
    ...(topic !== undefined && { properties: { topic } }),
  };
}

/** A wire message as the composite's `ChatMessageWithStatus`: plain text, delivered. */
export function toChatMessage(m: WireMessage): ChatMessageWithStatus {
  return {
    id: m.id,
    type: 'text',
    sequenceId: m.sequenceId,
    version: m.id,
    content: { message: m.content },
    senderDisplayName: m.senderDisplayName,
    createdOn: new Date(m.createdOn),
    sender: toIdentifier(m.senderId),
    status: 'delivered',
    ...(m.clientMessageId !== undefined && { clientMessageId: m.clientMessageId }),
  };
}

function toReceipt(r: WireReceipt): ReadReceipt {
  return { sender: toIdentifier(r.from), chatMessageId: r.messageId, readOn: new Date(r.readOn) };
}

/** Others' latest read time: what marks our own messages "seen" (the stateful client's rule). */
function latestReadTime(receipts: ReadReceipt[], selfFlat: string, previous: Date): Date {
  let latest = previous;
  for (const r of receipts) if (flatId(r.sender) !== selfFlat && r.readOn > latest) latest = r.readOn;
  return latest;
}

/**
 * The thread as the service shows it once Connected (and again after a resume). Messages already
 * shown stay (a resume's history is a superset of what this participant may see); pending messages
 * of ours stay pending until acknowledged.
 */
export function withHistory(
  state: ChatAdapterState,
  history: { threadId: string; topic: string; messages: WireMessage[]; readReceipts: WireReceipt[] },
): ChatAdapterState {
  const chatMessages = { ...state.thread.chatMessages };
  for (const m of history.messages) chatMessages[m.id] = toChatMessage(m);
  const selfFlat = flatId(state.userId);
  const readReceipts = [...state.thread.readReceipts, ...history.readReceipts.map(toReceipt)];
  return {
    ...state,
    thread: {
      ...state.thread,
      threadId: history.threadId,
      properties: { topic: history.topic },
      chatMessages,
      readReceipts,
      latestReadTime: latestReadTime(readReceipts, selfFlat, state.thread.latestReadTime),
    },
  };
}

/** A new message: ours (acknowledged: the pending copy, keyed by clientMessageId, is replaced) or someone's. */
export function withMessage(state: ChatAdapterState, m: WireMessage): ChatAdapterState {
  const chatMessages = { ...state.thread.chatMessages };
  if (m.clientMessageId !== undefined) delete chatMessages[m.clientMessageId];
  chatMessages[m.id] = toChatMessage(m);
  // A message ends its sender's typing indicator, as in the UI Library's stateful client.
  const senderFlat = flatId(toIdentifier(m.senderId));
  const typingIndicators = state.thread.typingIndicators.filter((t) => flatId(t.sender) !== senderFlat);
  return { ...state, thread: { ...state.thread, chatMessages, typingIndicators } };
}

/** Our message on its way: shown at once with status `sending`, keyed by its clientMessageId. */
export function withPending(
  state: ChatAdapterState,
  pending: { clientMessageId: string; content: string; createdOn: Date },
): ChatAdapterState {
  const message: ChatMessageWithStatus = {
    id: '',
    clientMessageId: pending.clientMessageId,
    type: 'text',
    sequenceId: '',
    version: '',
    content: { message: pending.content },
    senderDisplayName: state.displayName,
    createdOn: pending.createdOn,
    sender: state.userId,
    status: 'sending',
  };
  return {
    ...state,
    thread: { ...state.thread, chatMessages: { ...state.thread.chatMessages, [pending.clientMessageId]: message } },
  };
}

/** Our pending message was refused or never acknowledged: it stays, marked `failed`. */
export function withFailed(state: ChatAdapterState, clientMessageId: string): ChatAdapterState {
  const message = state.thread.chatMessages[clientMessageId];
  if (!message || message.status !== 'sending') return state;
  return {
    ...state,
    thread: {
      ...state.thread,
      chatMessages: { ...state.thread.chatMessages, [clientMessageId]: { ...message, status: 'failed' } },
    },
  };
}

/** Someone is typing (the indicator lasts TYPING_WINDOW_MS); older indicators are dropped. */
export function withTyping(state: ChatAdapterState, from: string, now: Date): ChatAdapterState {
  const sender = toIdentifier(from);
  const senderFlat = flatId(sender);
  const indicator: TypingIndicator = {
    threadId: state.thread.threadId,
    sender,
    senderDisplayName: state.thread.participants[senderFlat]?.displayName ?? '',
    recipient: state.userId,
    version: String(now.getTime()),
    receivedOn: now,
  };
  const kept = state.thread.typingIndicators.filter(
    (t) => flatId(t.sender) !== senderFlat && now.getTime() - t.receivedOn.getTime() < TYPING_WINDOW_MS,
  );
  return { ...state, thread: { ...state.thread, typingIndicators: [...kept, indicator] } };
}

/** Drops typing indicators older than TYPING_WINDOW_MS (same state when none is). */
export function withoutStaleTyping(state: ChatAdapterState, now: Date): ChatAdapterState {
  const kept = state.thread.typingIndicators.filter((t) => now.getTime() - t.receivedOn.getTime() < TYPING_WINDOW_MS);
  if (kept.length === state.thread.typingIndicators.length) return state;
  return { ...state, thread: { ...state.thread, typingIndicators: kept } };
}

export function withReceipt(state: ChatAdapterState, receipt: WireReceipt): ChatAdapterState {
  const r = toReceipt(receipt);
  const readReceipts = [...state.thread.readReceipts, r];
  return {
    ...state,
    thread: {
      ...state.thread,
      readReceipts,
      latestReadTime: latestReadTime([r], flatId(state.userId), state.thread.latestReadTime),
    },
  };
}

/**
 * The thread's participants are the people Connected in the call (ourselves included), keyed by
 * flat identifier as the composite expects; nobody before we are Connected.
 */
export function participantsOf(call: CallAdapterState): Record<string, ChatParticipant> {
  if (call.call?.state !== 'Connected') return {};
  const out: Record<string, ChatParticipant> = {
    [flatId(call.userId)]: { id: call.userId, displayName: call.displayName ?? '' },
  };
  for (const [key, p] of Object.entries(call.call.remoteParticipants)) {
    if (p.state !== 'Connected') continue;
    out[key] = { id: p.identifier, displayName: p.displayName ?? '' };
  }
  return out;
}

/** Follows the call's roster and our own name; same state when nothing changed. */
export function withCall(state: ChatAdapterState, call: CallAdapterState): ChatAdapterState {
  const participants = participantsOf(call);
  const before = state.thread.participants;
  const same =
    Object.keys(participants).length === Object.keys(before).length &&
    Object.entries(participants).every(([k, p]) => before[k]?.displayName === p.displayName);
  const displayName = call.displayName ?? state.displayName;
  if (same && displayName === state.displayName) return state;
  return {
    ...state,
    displayName,
    thread: same ? state.thread : { ...state.thread, participants },
  };
}

/**
 * The call ended (or we left): an ACS user no longer has the meeting's messages, and a rejoin is a
 * new participant that sees the chat from its admission. Only the errors are kept.
 */
export function withCallEnded(state: ChatAdapterState): ChatAdapterState {
  return { ...state, thread: emptyThread(state.thread.threadId) };
}

export function withError(state: ChatAdapterState, error: ChatAdapterState['latestErrors'][string]): ChatAdapterState {
  return { ...state, latestErrors: { ...state.latestErrors, [error.target]: error } };
}
