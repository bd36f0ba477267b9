/**
 * The Teams meeting's chat thread, as the calling service offers it on its socket (protocol:
 * `lib/contracts/calling-protocol.ts`, "Meeting chat"). Never kinder than Teams/ACS:
 *
 * - Only Connected participants chat. Someone in the lobby gets no history and every chat frame of
 *   theirs is refused ("not_connected"): ACS users reach the meeting's thread only once in the call.
 * - `allowMeetingChat: disabled` turns chat off for everyone; `limited` (in-meeting only) is what ACS
 *   users always have, so it behaves like `enabled` here (the emulator has no chat outside a call).
 * - The token must carry a chat scope: `chat`, `chat.join` or `chat.join.limited` for ACS users (the
 *   join scopes allow sending and reading in a thread one was added to, which is what a meeting is),
 *   `Teams.ManageChats` for Teams users. `voip` alone calls but doesn't chat.
 * - External users see what was sent from the moment they were admitted, not the thread's earlier
 *   history (Teams' rule for people who join by link without being invited), and lose the thread when
 *   they leave ("no longer have access to messages sent and received during the meeting"). A fresh
 *   join is a new participant and starts again from its admission; a resume keeps its start. Staff
 *   (Teams users, members of the meeting's chat) see the whole thread.
 * - Plain text, at most MAX_CHAT_MESSAGE_BYTES of UTF-8 (ACS: "approximately 28 KB"); empty refused.
 *
 * Messages live in memory per meeting for the life of the process (Teams keeps a meeting's chat
 * across its calls), at most MAX_MESSAGES_PER_THREAD each (oldest dropped first): the emulator is for
 * development, and a restart forgets calls anyway.
 */
import {
  type ChatMessage,
  type ChatReadReceipt,
  type ChatRefusal,
  type ClientMessage,
  MAX_CHAT_MESSAGE_BYTES,
} from '../../lib/contracts/calling-protocol';
import { isStaff } from './policy';
import { type Member, connected } from './registry';
import { send } from './transport';

type ChatFrame = Extract<ClientMessage, { type: 'chat.send' | 'chat.typing' | 'chat.read' }>;

/** ACS users' chat scopes and the Teams user's (see above). */
const GUEST_CHAT_SCOPES = ['chat', 'chat.join', 'chat.join.limited'];
const STAFF_CHAT_SCOPE = 'Teams.ManageChats';

export const MAX_MESSAGES_PER_THREAD = 5000;

type Thread = {
  threadId: string;
  messages: ChatMessage[];
  nextSequence: number;
  lastId: number;
  /** The latest read receipt of each identity. */
  receipts: Map<string, ChatReadReceipt>;
};

/** What the chat needs to know of a member, decided at join and at every resume (a new token). */
type Seat = {
  /** Why this member may not chat at all, or undefined when it may (once Connected). */
  barred?: Extract<ChatRefusal, 'chat_disabled' | 'chat_not_permitted'>;
  /** The first sequence number this member may see (0: the whole thread); set when first Connected. */
  from?: number;
};

/** Whether a token's scopes let `identity` chat (see above). */
export function hasChatScope(identity: string, scopes: readonly string[]): boolean {
  return isStaff(identity) ? scopes.includes(STAFF_CHAT_SCOPE) : scopes.some((s) => GUEST_CHAT_SCOPES.includes(s));
}

const REFUSAL_TEXT: Record<ChatRefusal, string> = {
  not_connected: 'Meeting chat is available once you are in the meeting, not from the lobby.',
  chat_disabled: "The meeting's organizer turned chat off for this meeting.",
  chat_not_permitted: 'Your access token does not allow chat (it needs a chat scope).',
  empty_message: 'A chat message needs some text.',
  message_too_large: `A chat message may be at most ${MAX_CHAT_MESSAGE_BYTES / 1024} KB.`,
  unknown_message: 'There is no such message in this chat.',
};

export class MeetingChat {
  readonly #threads = new Map<string, Thread>();
  readonly #seats = new WeakMap<Member, Seat>();

  /**
   * Records whether `m` may chat, from its meeting's setting and its token's scopes (join and every
   * resume: a refreshed token may differ). Sends the history if it is already Connected.
   */
  enroll(m: Member, allowMeetingChat: string, scopes: readonly string[]): void {
    const seat = this.#seats.get(m) ?? {};
    seat.barred =
      allowMeetingChat === 'disabled'
        ? 'chat_disabled'
        : hasChatScope(m.p.identity, scopes)
          ? undefined
          : 'chat_not_permitted';
    this.#seats.set(m, seat);
    this.connected(m);
  }

  /** `m` is Connected (joined directly, admitted, or resumed): it gets the thread as far as it may see it. */
  connected(m: Member): void {
    const seat = this.#seats.get(m);
    if (!seat || seat.barred || m.p.state !== 'Connected') return;
    const thread = this.#thread(m);
    seat.from ??= isStaff(m.p.identity) ? 0 : thread.nextSequence;
    const from = seat.from;
    const messages = thread.messages
      .filter((msg) => Number(msg.sequenceId) >= from)
      .map((msg) => this.#copyFor(m, msg, undefined));
    const visible = new Set(messages.map((msg) => msg.id));
    const readReceipts = [...thread.receipts.values()].filter(
      (r) => r.from !== m.p.identity && visible.has(r.messageId),
    );
    send(m.session, {
      type: 'chat.history',
      threadId: thread.threadId,
      topic: m.call.subject,
      messages,
      readReceipts,
    });
  }

  handle(me: Member, msg: ChatFrame): void {
    const refusal = this.#refusal(me);
    const clientMessageId = msg.type === 'chat.send' ? msg.clientMessageId : undefined;
    if (refusal) return this.#refuse(me, refusal, clientMessageId);
    switch (msg.type) {
      case 'chat.send':
        return this.#send(me, msg.clientMessageId, msg.content);
      case 'chat.typing':
        for (const peer of this.#audience(me)) send(peer.session, { type: 'chat.typing', from: me.p.identity });
        return;
      case 'chat.read':
        return this.#read(me, msg.messageId);
    }
  }

  #send(me: Member, clientMessageId: string, content: string): void {
    if (content.trim().length === 0) return this.#refuse(me, 'empty_message', clientMessageId);
    if (Buffer.byteLength(content, 'utf8') > MAX_CHAT_MESSAGE_BYTES) {
      return this.#refuse(me, 'message_too_large', clientMessageId);
    }
    const thread = this.#thread(me);
    // ACS message ids are the epoch milliseconds as digits; kept strictly increasing here.
    thread.lastId = Math.max(thread.lastId + 1, Date.now());
    const message: ChatMessage = {
      id: String(thread.lastId),
      sequenceId: String(thread.nextSequence++),
      senderId: me.p.identity,
      senderDisplayName: me.p.displayName,
      content,
      createdOn: new Date().toISOString(),
    };
    thread.messages.push(message);
    if (thread.messages.length > MAX_MESSAGES_PER_THREAD) thread.messages.shift();
    send(me.session, { type: 'chat.message', ...this.#copyFor(me, message, clientMessageId) });
    for (const peer of this.#audience(me)) send(peer.session, { type: 'chat.message', ...message });
  }

  #read(me: Member, messageId: string): void {
    const thread = this.#thread(me);
    const from = this.#seats.get(me)?.from ?? Number.POSITIVE_INFINITY;
    const message = thread.messages.find((msg) => msg.id === messageId);
    if (!message || Number(message.sequenceId) < from) return this.#refuse(me, 'unknown_message');
    const previous = thread.receipts.get(me.p.identity);
    const previousSeq = previous
      ? Number(thread.messages.find((msg) => msg.id === previous.messageId)?.sequenceId ?? -1)
      : -1;
    // A receipt means "read up to here": an older one changes nothing.
    if (Number(message.sequenceId) <= previousSeq) return;
    const receipt: ChatReadReceipt = { from: me.p.identity, messageId, readOn: new Date().toISOString() };
    thread.receipts.set(me.p.identity, receipt);
    for (const peer of this.#audience(me)) send(peer.session, { type: 'chat.read', ...receipt });
  }

  #refusal(m: Member): ChatRefusal | undefined {
    const seat = this.#seats.get(m);
    if (seat?.barred) return seat.barred;
    if (!seat || m.p.state !== 'Connected' || seat.from === undefined) return 'not_connected';
    return undefined;
  }

  #refuse(m: Member, code: ChatRefusal, clientMessageId?: string): void {
    send(m.session, {
      type: 'chat.refused',
      ...(clientMessageId !== undefined && { clientMessageId }),
      code,
      message: REFUSAL_TEXT[code],
    });
  }

  /** The other Connected members who chat (a message reaches them; typing and receipts too). */
  #audience(me: Member): Member[] {
    return connected(me.call, me).filter((peer) => {
      const seat = this.#seats.get(peer);
      return seat !== undefined && !seat.barred && seat.from !== undefined;
    });
  }

  #copyFor(m: Member, message: ChatMessage, clientMessageId: string | undefined): ChatMessage {
    return clientMessageId !== undefined && message.senderId === m.p.identity
      ? { ...message, clientMessageId }
      : message;
  }

  #thread(m: Member): Thread {
    const key = m.call.meetingId;
    let thread = this.#threads.get(key);
    if (!thread) {
      thread = { threadId: m.call.threadId, messages: [], nextSequence: 1, lastId: 0, receipts: new Map() };
      this.#threads.set(key, thread);
    }
    return thread;
  }

  /** Forgets every thread (the emulator's reset and shutdown). */
  clear(): void {
    this.#threads.clear();
  }
}
