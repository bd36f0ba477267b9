/**
 * The emulator's calling service: a WebSocket endpoint at `/calling` that behaves like a Teams meeting
 * towards Vestibule's local WebRTC CallAdapter. This module handles join and resume and the in-call
 * actions; the socket layer is transport.ts, the Teams rules policy.ts, the calls in memory
 * registry.ts and meeting lookup lookup.ts. No media passes through it: browsers send audio/video to
 * each other (mesh, host candidates, no TURN).
 *
 * Wire protocol: `lib/contracts/calling-protocol.ts` (the contract with the adapter). Rules in README.md.
 * Nothing is persisted: calls live in memory and end with the process (sockets close with 1012).
 *
 * A little over 400 lines on purpose: join, resume and the three ways a call ends for others (end for
 * everyone, removal, lobby timeout) share the registry's invariants, and reading them side by side is
 * how a change to one is checked against the others.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';

import { type ClientMessage, type EndName, MAX_FRAME_BYTES } from '../../lib/contracts/calling-protocol';
import type { AcsTokenVerifier } from '../acs/tokens';
import type { Db } from '../store/db';
import { getMeeting } from '../store/meetings';
import { findUser } from '../store/users';
import {
  type LeftReason,
  type Remove,
  announceLeft,
  announceUpdate,
  onAdmit,
  onReject,
  onRemoveOther,
  onSignal,
  onState,
  sendLobbyUpdate,
} from './actions';
import { MeetingChat } from './chat';
import { findMeeting } from './lookup';
import { type CallingOptions, type Settings, resolveSettings } from './settings';
import { bypassesLobby, isStaff, mayEndForEveryone, roleFor, staffOid } from './policy';
import {
  type Call,
  CallRegistry,
  addMember,
  type CallSummary,
  type Member,
  connected,
  lobbyFor,
  othersOf,
  sameSecret,
} from './registry';
import {
  upgradeRefusal,
  closeAll,
  decodeFrame,
  endSession,
  heartbeat,
  newSession,
  send,
  sendError,
  type Session,
} from './transport';

export type { CallSummary };
export type { CallingOptions };

type JoinFrame = Extract<ClientMessage, { type: 'join' }>;
type CallSession = Session<Member>;

export class CallingService {
  readonly #db: Db;
  readonly #verify: AcsTokenVerifier;
  readonly #log: Logger;
  readonly #appOrigins: string[];
  readonly #s: Settings;
  readonly #wss: WebSocketServer;
  readonly #registry = new CallRegistry();
  /** The meetings' chat threads (chat.ts); the service only routes chat frames and tells it who is Connected. */
  readonly #chat = new MeetingChat();
  readonly #sessions = new Set<CallSession>();
  readonly #heartbeat: NodeJS.Timeout;
  readonly #removeFn: Remove = (m, reason, end) => this.#remove(m, reason, end);
  #closing = false;
  #nextSessionId = 1;

  constructor(
    deps: { db: Db; verifyAcsToken: AcsTokenVerifier; log: Logger; appOrigins: string[] },
    options: CallingOptions = {},
  ) {
    this.#db = deps.db;
    this.#verify = deps.verifyAcsToken;
    this.#log = deps.log.child({ surface: 'calling' });
    this.#appOrigins = deps.appOrigins;
    this.#s = resolveSettings(options);
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
    this.#heartbeat = setInterval(() => {
      heartbeat(this.#sessions, this.#s.idleTimeoutMs, (s) =>
        this.#log.info({ session: s.id }, 'calling: idle socket closed'),
      );
      this.#registry.pruneMissedEnds();
    }, this.#s.heartbeatMs);
    this.#heartbeat.unref();
  }

  // ---------------------------------------------------------------- sockets

  /** `upgrade` handler for the emulator's HTTP server (path is relative to `/calling`). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): void {
    const refusal = upgradeRefusal(path, req.headers.origin, this.#appOrigins, this.#closing);
    if (refusal) {
      if (refusal.startsWith('403')) this.#log.warn({ origin: req.headers.origin }, 'calling: refused origin');
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onConnection(ws));
  }

  #onConnection(ws: WebSocket): void {
    const session = newSession<Member>(this.#nextSessionId++, ws, {
      ratePerS: this.#s.floodRatePerS,
      burst: this.#s.floodBurst,
    });
    this.#sessions.add(session);
    session.joinTimer = setTimeout(() => {
      if (session.participant || session.joining) return;
      sendError(session, 'join_timeout', 'The first message must be join, within the join timeout.');
      ws.close(1008, 'join timeout');
    }, this.#s.joinTimeoutMs);
    ws.on('message', (data, isBinary) => {
      session.lastSeen = Date.now();
      if (session.ended) return;
      if (!session.bucket.take()) {
        this.#log.warn({ session: session.id, participant: session.participant?.p.id }, 'calling: flood, closing');
        ws.close(1008, 'too many messages');
        return;
      }
      const decoded = decodeFrame(data, isBinary);
      if (!decoded.ok) return sendError(session, 'invalid_message', decoded.message);
      this.#onMessage(session, decoded.msg);
    });
    ws.on('pong', () => {
      session.lastSeen = Date.now();
    });
    ws.on('error', (err) => this.#log.debug({ err, session: session.id }, 'calling: socket error'));
    ws.on('close', (code) => this.#onClose(session, code));
  }

  #onMessage(session: CallSession, msg: ClientMessage): void {
    if (session.joining) {
      if (msg.type === 'join') return sendError(session, 'already_joined', 'A join is already in progress.');
      if (session.pending.length < 64) session.pending.push(msg);
      return;
    }
    try {
      this.#handle(session, msg);
    } catch (err) {
      // Never let one client's frame take the service down.
      this.#log.error({ err, session: session.id }, 'calling: unexpected error handling a frame');
      sendError(session, 'invalid_message', 'The message could not be handled.');
    }
  }

  #handle(session: CallSession, msg: ClientMessage): void {
    if (msg.type === 'join') {
      if (session.participant) return sendError(session, 'already_joined', 'This socket has already joined.');
      session.joining = true;
      void this.#join(session, msg)
        .catch((err: unknown) => {
          this.#log.error({ err }, 'calling: join failed unexpectedly');
          endSession(session, 'serviceError');
        })
        .finally(() => {
          session.joining = false;
          for (const m of session.pending.splice(0)) if (!session.ended) this.#handle(session, m);
        });
      return;
    }
    const me = session.participant;
    if (!me) return sendError(session, 'not_joined', 'Send join first.');
    switch (msg.type) {
      case 'ping':
        return send(session, { type: 'pong' });
      case 'leave':
        if (msg.forEveryone && mayEndForEveryone(me.p)) return this.#endForEveryone(me.call);
        return this.#remove(me, 'left', 'left');
      case 'state':
        return onState(me, msg);
      case 'signal':
        return onSignal(me, msg);
      case 'lobby.admit':
        for (const m of onAdmit(me, msg.participantIds)) {
          clearTimeout(m.lobbyTimer);
          m.lobbyTimer = undefined;
          this.#log.info({ callId: m.call.callId, participant: m.p.id, by: me.p.id }, 'calling: admitted');
          this.#chat.connected(m);
        }
        return;
      case 'lobby.reject':
        return onReject(me, msg.participantId, this.#removeFn);
      case 'remove':
        return onRemoveOther(me, msg.participantId, this.#removeFn);
      case 'chat.send':
      case 'chat.typing':
      case 'chat.read':
        return this.#chat.handle(me, msg);
    }
  }

  #onClose(session: CallSession, code: number): void {
    this.#sessions.delete(session);
    clearTimeout(session.joinTimer);
    // Shutting down: close() already cleared every call and timer; the 1012 closes that follow must
    // not re-arm them (they would keep the process alive and fire after shutdown).
    if (this.#closing) return;
    const me = session.participant;
    if (!me || me.session !== session || session.ended) return;
    // A dropped socket: keep the participant for a resume.
    me.session = undefined;
    if (!me.call.members.has(me.p.id)) return;
    this.#log.info({ participant: me.p.id, code }, 'calling: socket dropped, waiting for a resume');
    me.p = { ...me.p, reconnecting: true, speaking: false };
    announceUpdate(me);
    me.graceTimer = setTimeout(() => {
      me.graceTimer = undefined;
      if (!me.session) this.#remove(me, 'dropped', 'dropped');
    }, this.#s.resumeGraceMs);
    me.graceTimer.unref();
  }

  // ---------------------------------------------------------------- join and resume

  async #join(session: CallSession, msg: JoinFrame): Promise<void> {
    clearTimeout(session.joinTimer);
    // Every join and every resume shows a token: a revoked one is refused here, which is all that
    // revocation does in ACS (calls already joined go on).
    const verified = await this.#verify(msg.token);
    if (!verified.ok) {
      this.#log.info({ code: verified.code, message: verified.message }, 'calling: token refused');
      return endSession(session, 'unauthorized');
    }
    const identity = verified.identityId;
    const canCall = isStaff(identity)
      ? verified.scopes.includes('Teams.ManageCalls')
      : verified.scopes.includes('voip') || verified.scopes.includes('voip.join');
    if (!canCall) return endSession(session, 'unauthorized');

    const found = findMeeting(this.#db, msg.meeting);
    if (!found.ok) return endSession(session, found.end);
    if (session.ws.readyState !== WebSocket.OPEN) return;

    if (msg.resume) {
      const { participantId, resumeKey } = msg.resume;
      const prior = this.#registry.get(found.stored.meeting.id)?.members.get(participantId);
      if (prior && prior.p.identity === identity && sameSecret(prior.resumeKey, resumeKey)) {
        this.#resume(session, prior);
        // The resumed token may differ (refreshed with other scopes); history again for what was missed.
        return this.#chat.enroll(prior, found.stored.meeting.allowMeetingChat, verified.scopes);
      }
      const missed = this.#registry.takeMissedEnd(participantId, resumeKey, identity);
      if (missed) return endSession(session, missed);
      this.#log.info({ participantId }, 'calling: resume refused, joining anew');
    }
    this.#admitNew(
      session,
      msg,
      { identity, scopes: verified.scopes },
      found.stored.meeting.id,
      found.stored.organizerId,
    );
  }

  #admitNew(
    session: CallSession,
    msg: JoinFrame,
    { identity, scopes }: { identity: string; scopes: readonly string[] },
    meetingId: string,
    organizerId: string,
  ): void {
    // A fresh copy: lobby settings may have been changed through Graph or the admin API.
    const stored = getMeeting(this.#db, meetingId);
    if (!stored) return endSession(session, 'invalidMeeting');
    const meeting = stored.meeting;
    let call = this.#registry.get(meeting.id);

    // The same person joining afresh (page reload, new tab after a crash) while an earlier session of
    // theirs waits out its resume grace: that earlier member can never resume (the new page has no
    // resume key), and its grace expiry would later send participant.left to everyone, tearing down
    // the tile of the live session (clients key tiles by identity). It has left: remove it now,
    // before the new member is announced and before it counts towards the participant limit. A
    // member with a live socket (a second tab) is left alone.
    if (call) {
      for (const ghost of [...call.members.values()]) {
        if (ghost.p.identity === identity && !ghost.session) this.#remove(ghost, 'left');
      }
      // #remove forgets a call that became empty: keep using the live one (or make a new one).
      if (this.#registry.get(meeting.id) !== call) call = undefined;
    }
    if (call && call.members.size >= this.#s.maxParticipants) return endSession(session, 'callFull');
    call ??= this.#registry.open(meeting.id, meeting.subject, meeting.chatInfo.threadId, organizerId);

    const oid = staffOid(identity);
    const isOrganizer = oid !== undefined && oid.toLowerCase() === organizerId.toLowerCase();
    // Teams shows staff with their directory name; guests with the name they typed.
    const displayName = (oid && findUser(this.#db, oid)?.displayName) || msg.displayName;
    const direct = bypassesLobby(meeting.lobbyBypassSettings.scope, identity, isOrganizer);
    const member = addMember(call, session, {
      identity,
      displayName,
      role: roleFor(meeting.allowedPresenters, identity, isOrganizer),
      external: !isStaff(identity),
      state: direct ? 'Connected' : 'InLobby',
      muted: msg.state.muted,
      cameraOn: msg.state.cameraOn,
    });
    session.participant = member;
    this.#log.info(
      { callId: call.callId, participant: member.p.id, role: member.p.role, state: member.p.state },
      'calling: joined',
    );
    this.#sendJoined(member, false);
    this.#chat.enroll(member, meeting.allowMeetingChat, scopes);
    if (direct) {
      for (const peer of connected(call, member))
        send(peer.session, { type: 'participant.joined', participant: member.p });
    } else {
      this.#startLobbyWait(member);
      sendLobbyUpdate(call);
    }
  }

  #resume(session: CallSession, me: Member): void {
    const old = me.session;
    if (old && old !== session) {
      // The client noticed the drop before the server did: the new socket takes over.
      old.participant = undefined;
      old.ended = true;
      old.ws.close(4000, 'resumed on another connection');
    }
    clearTimeout(me.graceTimer);
    me.graceTimer = undefined;
    me.session = session;
    session.participant = me;
    me.p = { ...me.p, reconnecting: false };
    this.#log.info({ callId: me.call.callId, participant: me.p.id }, 'calling: resumed');
    this.#sendJoined(me, true);
    announceUpdate(me);
  }

  #sendJoined(me: Member, resumed: boolean): void {
    send(me.session, {
      type: 'joined',
      callId: me.call.callId,
      self: me.p,
      resumeKey: me.resumeKey,
      resumed,
      meeting: { subject: me.call.subject, threadId: me.call.threadId },
      participants: me.p.state === 'Connected' ? othersOf(me) : [],
      lobby: lobbyFor(me),
    });
  }

  /** Nobody admits forever: after lobbyTimeoutMs the lobby lets the person go (END.lobbyTimeout). */
  #startLobbyWait(m: Member): void {
    m.lobbyTimer = setTimeout(() => {
      m.lobbyTimer = undefined;
      if (m.p.state === 'InLobby') this.#remove(m, 'left', 'lobbyTimeout');
    }, this.#s.lobbyTimeoutMs);
    m.lobbyTimer.unref();
  }

  /** The organizer's "End meeting": everyone, lobby included, gets END.endedForEveryone. */
  #endForEveryone(call: Call): void {
    this.#log.info({ callId: call.callId }, 'calling: ended for everyone by the organizer');
    for (const m of [...call.members.values()]) {
      call.members.delete(m.p.id);
      this.#finish(m, 'endedForEveryone');
    }
    this.#registry.forgetIfEmpty(call);
  }

  /**
   * Takes a participant out of its call, ends its session with `end` (when given) and tells the
   * others. A member whose socket is down can't be told now: its end is kept for its resume.
   */
  #remove(m: Member, reason: LeftReason, end?: EndName): void {
    const call = m.call;
    if (call.members.get(m.p.id) !== m) return;
    call.members.delete(m.p.id);
    this.#finish(m, end);
    this.#log.info({ callId: call.callId, participant: m.p.id, reason }, 'calling: left');
    announceLeft(m, reason);
    this.#registry.forgetIfEmpty(call);
  }

  #finish(m: Member, end: EndName | undefined): void {
    clearTimeout(m.graceTimer);
    clearTimeout(m.lobbyTimer);
    m.graceTimer = undefined;
    m.lobbyTimer = undefined;
    if (end && m.session) endSession(m.session, end);
    else if (end) this.#registry.rememberMissedEnd(m, end);
    m.session = undefined;
  }

  // ---------------------------------------------------------------- admin and lifecycle

  list(): CallSummary[] {
    return this.#registry.summaries();
  }

  /**
   * Simulates a network failure for one participant: its socket is cut without a close handshake,
   * exactly as when a laptop drops off Wi-Fi, so the client's reconnect-and-resume path runs.
   * Returns false when no connected participant has that id.
   */
  dropConnection(participantId: string): boolean {
    const session = this.#registry.findMember(participantId)?.session;
    if (!session) return false;
    session.ws.terminate();
    return true;
  }

  /**
   * Closes every socket with 1012 (service restart): clients rejoin by themselves, and since nothing
   * is persisted their resume fails and they join anew.
   */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    clearInterval(this.#heartbeat);
    for (const call of this.#registry.calls()) {
      for (const m of call.members.values()) {
        clearTimeout(m.graceTimer);
        clearTimeout(m.lobbyTimer);
      }
    }
    this.#registry.clear();
    this.#chat.clear();
    await closeAll([...this.#sessions].map((s) => s.ws));
    this.#wss.close();
  }
}
