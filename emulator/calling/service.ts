/**
 * The emulator's calling service: a WebSocket endpoint at `/calling` that behaves like a Teams meeting
 * towards Vestibule's local WebRTC CallAdapter. This module handles join and resume and the in-call
 * actions; the socket layer is transport.ts, the Teams rules policy.ts, the calls in memory
 * registry.ts and meeting lookup lookup.ts. No media passes through it: browsers send audio/video to
 * each other (mesh, host candidates, no TURN).
 *
 * Wire protocol: `lib/contracts/calling-protocol.ts` (the contract with the adapter). Rules in README.md.
 * Nothing is persisted: calls live in memory and end with the process (sockets close with 1012).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';

import {
  type ClientMessage,
  type EndName,
  FLOOD_BURST,
  FLOOD_RATE_PER_S,
  IDLE_TIMEOUT_MS,
  LOBBY_TIMEOUT_MS,
  MAX_FRAME_BYTES,
  MAX_PARTICIPANTS,
  RESUME_GRACE_MS,
  type Participant,
  type ServerMessage,
} from '../../lib/contracts/calling-protocol';
import type { AcsTokenVerifier } from '../acs/tokens';
import type { Db } from '../store/db';
import { getMeeting } from '../store/meetings';
import { findUser } from '../store/users';
import { findMeeting } from './lookup';
import {
  bypassesLobby,
  isStaff,
  mayEndForEveryone,
  mayManageLobby,
  roleFor,
  screenShareRefusal,
  staffOid,
} from './policy';
import {
  type Call,
  CallRegistry,
  type CallSummary,
  type Member,
  connected,
  lobbyFor,
  lobbyManagers,
  lobbyOf,
  othersOf,
  sameSecret,
} from './registry';
import { closeAll, decodeFrame, endSession, heartbeat, newSession, send, sendError, type Session } from './transport';

export type { CallSummary };

export type CallingOptions = {
  /** How long a dropped participant is kept for a resume (default RESUME_GRACE_MS). */
  resumeGraceMs?: number;
  /** Time allowed for the first frame, which must be `join` (default 10 s). */
  joinTimeoutMs?: number;
  /** Silence (no frame, no pong) after which a socket is closed as dropped (default IDLE_TIMEOUT_MS). */
  idleTimeoutMs?: number;
  /** Interval of WebSocket pings and idle checks (default 10 s). */
  heartbeatMs?: number;
  /** How long someone waits in the lobby before it lets them go with END.lobbyTimeout (default LOBBY_TIMEOUT_MS). */
  lobbyTimeoutMs?: number;
  /** Connected + InLobby participants per call (default MAX_PARTICIPANTS). */
  maxParticipants?: number;
  /** Flood limit: sustained frames per second and burst (defaults FLOOD_RATE_PER_S, FLOOD_BURST). */
  floodRatePerS?: number;
  floodBurst?: number;
};

type Settings = Required<CallingOptions>;

const DEFAULTS: Settings = {
  resumeGraceMs: RESUME_GRACE_MS,
  joinTimeoutMs: 10_000,
  idleTimeoutMs: IDLE_TIMEOUT_MS,
  heartbeatMs: 10_000,
  lobbyTimeoutMs: LOBBY_TIMEOUT_MS,
  maxParticipants: MAX_PARTICIPANTS,
  floodRatePerS: FLOOD_RATE_PER_S,
  floodBurst: FLOOD_BURST,
};

type LeftReason = 'left' | 'removed' | 'dropped' | 'denied';
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
  readonly #sessions = new Set<CallSession>();
  readonly #heartbeat: NodeJS.Timeout;
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
    this.#s = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
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
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (path !== '/') return refuse('404 Not Found');
    if (this.#closing) return refuse('503 Service Unavailable');
    // Browsers always send Origin: only Vestibule's own pages may open the socket (no cross-site
    // WebSocket hijacking). Clients without Origin are not browsers (tests, the benchmark); they still
    // need a valid ACS token.
    const origin = req.headers.origin;
    if (origin !== undefined && !this.#appOrigins.includes(origin.replace(/\/+$/, ''))) {
      this.#log.warn({ origin }, 'calling: refused origin');
      return refuse('403 Forbidden');
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
        return this.#onState(me, msg);
      case 'signal':
        return this.#onSignal(me, msg);
      case 'lobby.admit':
        return this.#onAdmit(me, msg.participantIds);
      case 'lobby.reject':
        return this.#onReject(me, msg.participantId);
      case 'remove':
        return this.#onRemoveOther(me, msg.participantId);
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
    this.#announceUpdate(me);
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
        return this.#resume(session, prior);
      }
      const missed = this.#registry.takeMissedEnd(participantId, resumeKey, identity);
      if (missed) return endSession(session, missed);
      this.#log.info({ participantId }, 'calling: resume refused, joining anew');
    }
    this.#admitNew(session, msg, identity, found.stored.meeting.id, found.stored.organizerId);
  }

  #admitNew(session: CallSession, msg: JoinFrame, identity: string, meetingId: string, organizerId: string): void {
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
    if (!call) {
      call = {
        callId: randomUUID(),
        meetingId: meeting.id,
        subject: meeting.subject,
        threadId: meeting.chatInfo.threadId,
        organizerId,
        startedAt: new Date().toISOString(),
        members: new Map(),
      };
      this.#registry.add(call);
    }

    const oid = staffOid(identity);
    const isOrganizer = oid !== undefined && oid.toLowerCase() === organizerId.toLowerCase();
    // Teams shows staff with their directory name; guests with the name they typed.
    const displayName = (oid && findUser(this.#db, oid)?.displayName) || msg.displayName;
    const direct = bypassesLobby(meeting.lobbyBypassSettings.scope, identity, isOrganizer);
    const member: Member = {
      p: {
        id: randomUUID(),
        identity,
        displayName,
        role: roleFor(meeting.allowedPresenters, identity, isOrganizer),
        external: !isStaff(identity),
        state: direct ? 'Connected' : 'InLobby',
        muted: msg.state.muted,
        cameraOn: msg.state.cameraOn,
        screenSharing: false,
        speaking: false,
        handRaised: false,
        reconnecting: false,
      },
      call,
      resumeKey: randomBytes(24).toString('base64url'),
      session,
    };
    call.members.set(member.p.id, member);
    session.participant = member;
    this.#log.info(
      { callId: call.callId, participant: member.p.id, role: member.p.role, state: member.p.state },
      'calling: joined',
    );
    this.#sendJoined(member, false);
    if (direct) {
      for (const peer of connected(call, member))
        send(peer.session, { type: 'participant.joined', participant: member.p });
    } else {
      this.#startLobbyWait(member);
      this.#sendLobbyUpdate(call);
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
    this.#announceUpdate(me);
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

  // ---------------------------------------------------------------- who hears what

  #sendLobbyUpdate(call: Call): void {
    const lobby = lobbyOf(call);
    for (const m of lobbyManagers(call)) send(m.session, { type: 'lobby.updated', lobby });
  }

  /** Tells the right people that `m` changed: Connected peers, or the presenters for a lobby member. */
  #announceUpdate(m: Member): void {
    if (m.p.state === 'Connected') {
      for (const peer of connected(m.call, m)) send(peer.session, { type: 'participant.updated', participant: m.p });
    } else {
      this.#sendLobbyUpdate(m.call);
    }
  }

  // ---------------------------------------------------------------- actions

  #onState(me: Member, msg: Extract<ClientMessage, { type: 'state' }>): void {
    const { muted, cameraOn, screenSharing, speaking, handRaised } = msg;
    const refusal = screenSharing ? screenShareRefusal(me.p) : undefined;
    if (refusal === 'not_connected') {
      return sendError(me.session, 'not_connected', 'Screen sharing needs a Connected participant.');
    }
    if (refusal === 'not_allowed') {
      return sendError(me.session, 'not_allowed', 'Only presenters can share their screen in this meeting.');
    }
    const next: Participant = {
      ...me.p,
      ...(muted !== undefined && { muted }),
      ...(cameraOn !== undefined && { cameraOn }),
      ...(screenSharing !== undefined && { screenSharing }),
      ...(speaking !== undefined && { speaking }),
      ...(handRaised !== undefined && { handRaised }),
    };
    const changed = (Object.keys(next) as (keyof Participant)[]).some((k) => next[k] !== me.p[k]);
    if (!changed) return;
    const startsSharing = next.screenSharing && !me.p.screenSharing;
    me.p = next;
    if (me.p.state !== 'Connected') return; // lobby members' media state is nobody's business yet
    if (startsSharing) {
      // One presenter at a time: the newest takes over, like Teams. The previous one hears it too.
      for (const other of me.call.members.values()) {
        if (other === me || !other.p.screenSharing) continue;
        other.p = { ...other.p, screenSharing: false };
        for (const m of connected(me.call)) send(m.session, { type: 'participant.updated', participant: other.p });
      }
    }
    this.#announceUpdate(me);
  }

  #onSignal(me: Member, msg: Extract<ClientMessage, { type: 'signal' }>): void {
    const session = me.session;
    if (me.p.state !== 'Connected')
      return sendError(session, 'not_connected', 'Signalling needs a Connected participant.');
    if (msg.description === undefined && msg.candidate === undefined) {
      return sendError(session, 'invalid_message', 'A signal carries a description or a candidate.');
    }
    const target = me.call.members.get(msg.to);
    if (!target || target === me)
      return sendError(session, 'unknown_participant', `No participant ${msg.to} in this call.`);
    if (target.p.state !== 'Connected' || !target.session) {
      return sendError(session, 'not_connected', `Participant ${msg.to} is not connected.`);
    }
    const out: ServerMessage = { type: 'signal', from: me.p.id };
    if (msg.description !== undefined) out.description = msg.description;
    if (msg.candidate !== undefined) out.candidate = msg.candidate;
    send(target.session, out);
  }

  #onAdmit(me: Member, ids: string[] | 'all'): void {
    if (!mayManageLobby(me.p)) return sendError(me.session, 'not_allowed', 'Only organizers and presenters can admit.');
    const call = me.call;
    const targets: Member[] = [];
    const unknown: string[] = [];
    if (ids === 'all') {
      for (const m of call.members.values()) if (m.p.state === 'InLobby') targets.push(m);
    } else {
      for (const id of new Set(ids)) {
        const m = call.members.get(id);
        if (m && m.p.state === 'InLobby') targets.push(m);
        else unknown.push(id);
      }
    }
    for (const m of targets) {
      clearTimeout(m.lobbyTimer);
      m.lobbyTimer = undefined;
      m.p = { ...m.p, state: 'Connected' };
      this.#log.info({ callId: call.callId, participant: m.p.id, by: me.p.id }, 'calling: admitted');
      send(m.session, { type: 'admitted', self: m.p, participants: othersOf(m) });
      for (const peer of connected(call, m)) send(peer.session, { type: 'participant.joined', participant: m.p });
      if (mayManageLobby(m.p)) send(m.session, { type: 'lobby.updated', lobby: lobbyOf(call) });
    }
    if (targets.length > 0) this.#sendLobbyUpdate(call);
    if (unknown.length > 0) {
      sendError(me.session, 'unknown_participant', `Not waiting in the lobby: ${unknown.join(', ')}.`);
    }
  }

  #onReject(me: Member, id: string): void {
    if (!mayManageLobby(me.p))
      return sendError(me.session, 'not_allowed', 'Only organizers and presenters can deny entry.');
    const target = me.call.members.get(id);
    if (!target || target.p.state !== 'InLobby') {
      return sendError(me.session, 'unknown_participant', `${id} is not waiting in the lobby.`);
    }
    this.#remove(target, 'denied', 'deniedFromLobby');
  }

  #onRemoveOther(me: Member, id: string): void {
    const session = me.session;
    if (!mayManageLobby(me.p))
      return sendError(session, 'not_allowed', 'Only organizers and presenters can remove people.');
    const target = me.call.members.get(id);
    if (!target || target === me)
      return sendError(session, 'unknown_participant', `No other participant ${id} in this call.`);
    if (target.p.state !== 'Connected')
      return sendError(session, 'unknown_participant', `${id} is in the lobby: use lobby.reject.`);
    if (target.p.role === 'organizer') return sendError(session, 'not_allowed', 'The organizer cannot be removed.');
    this.#remove(target, 'removed', 'removed');
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
    const notify = m.p.state === 'Connected' ? connected(call) : lobbyManagers(call);
    for (const peer of notify) send(peer.session, { type: 'participant.left', participantId: m.p.id, reason });
    if (m.p.state !== 'Connected') this.#sendLobbyUpdate(call);
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
    await closeAll([...this.#sessions].map((s) => s.ws));
    this.#wss.close();
  }
}
