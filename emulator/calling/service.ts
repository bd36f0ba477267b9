/**
 * The emulator's calling service: a WebSocket endpoint at `/calling` that behaves like a Teams meeting
 * towards Vestibule's local WebRTC CallAdapter. It authenticates with the emulator's ACS tokens, applies
 * the meeting's lobby policy, relays mesh signalling between Connected participants, broadcasts
 * participant state, and survives dropped sockets with a resume grace period. No media passes through
 * it: browsers send audio/video to each other (mesh, host candidates, no TURN).
 *
 * Wire protocol: `lib/contracts/calling-protocol.ts` (the contract with the adapter). Rules in README.md.
 * Nothing is persisted: calls live in memory and end with the process (sockets close with 1012).
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import type { Logger } from 'pino';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

import {
  ClientMessage,
  END,
  FLOOD_BURST,
  FLOOD_RATE_PER_S,
  IDLE_TIMEOUT_MS,
  MAX_FRAME_BYTES,
  MAX_PARTICIPANTS,
  RESUME_GRACE_MS,
  parseFrame,
  type Participant,
  type Role,
  type ServerMessage,
} from '../../lib/contracts/calling-protocol';
import type { AcsTokenVerifier } from '../acs/tokens';
import type { Db } from '../store/db';
import { getMeeting, type LobbyScope, type OnlineMeeting } from '../store/meetings';
import { findUser } from '../store/users';
import { findMeeting } from './lookup';

export type CallingOptions = {
  /** How long a dropped participant is kept for a resume (default RESUME_GRACE_MS). */
  resumeGraceMs?: number;
  /** Time allowed for the first frame, which must be `join` (default 10 s). */
  joinTimeoutMs?: number;
  /** Silence (no frame, no pong) after which a socket is closed as dropped (default IDLE_TIMEOUT_MS). */
  idleTimeoutMs?: number;
  /** Interval of WebSocket pings and idle checks (default 10 s). */
  heartbeatMs?: number;
  /** Interval at which Connected/InLobby participants' tokens are re-verified (default 2 s). */
  revalidateMs?: number;
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
  revalidateMs: 2_000,
  maxParticipants: MAX_PARTICIPANTS,
  floodRatePerS: FLOOD_RATE_PER_S,
  floodBurst: FLOOD_BURST,
};

type EndReason = { code: number; subCode: number };
type LeftReason = 'left' | 'removed' | 'dropped' | 'denied';

type Session = {
  id: number;
  ws: WebSocket;
  participant?: Member;
  joining: boolean;
  /** Frames that arrived while the join was being verified; handled once it is done. */
  pending: ClientMessage[];
  /** Set once an `ended` frame was sent: the close that follows is not a drop. */
  ended: boolean;
  lastSeen: number;
  tokens: number;
  refilledAt: number;
  joinTimer?: NodeJS.Timeout;
};

type Member = {
  p: Participant;
  call: Call;
  token: string;
  resumeKey: string;
  session?: Session;
  graceTimer?: NodeJS.Timeout;
};

type Call = {
  callId: string;
  meetingId: string;
  subject: string;
  threadId: string;
  organizerId: string;
  startedAt: string;
  members: Map<string, Member>;
};

export type CallSummary = {
  callId: string;
  meetingId: string;
  subject: string;
  startedAt: string;
  participants: Participant[];
};

const isPresenterRole = (r: Role) => r === 'organizer' || r === 'presenter';
/**
 * Who sees the lobby and may admit, deny or remove: presenters of the organization. Teams keeps "who
 * can admit from the lobby" apart from "who can present"; external presenters may share their screen
 * but never let anyone in.
 */
const managesLobby = (p: Participant) => isPresenterRole(p.role) && !p.external;
const isStaff = (identity: string) => identity.startsWith('8:orgid:');

/**
 * Who enters directly under a lobby policy (Teams semantics). `invited` has no invitee list in the
 * emulator, so it behaves like `organization`.
 */
function bypassesLobby(scope: LobbyScope, identity: string, isOrganizer: boolean): boolean {
  if (isOrganizer || scope === 'everyone') return true;
  if (scope === 'organizer') return false;
  return isStaff(identity);
}

/**
 * Teams roles: the organizer is 'organizer'. `allowedPresenters` decides who presents: with
 * `everyone` (Teams' default) everybody, external guests included, so guests can share their screen;
 * with `organization` the organization's people; otherwise nobody but the organizer (the emulator
 * keeps no per-attendee roles). Presenting never includes managing the lobby for guests: see managesLobby.
 */
function roleFor(meeting: OnlineMeeting, identity: string, isOrganizer: boolean): Role {
  if (isOrganizer) return 'organizer';
  if (meeting.allowedPresenters === 'everyone') return 'presenter';
  if (meeting.allowedPresenters === 'organization' && isStaff(identity)) return 'presenter';
  return 'attendee';
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class CallingService {
  readonly #db: Db;
  readonly #verify: AcsTokenVerifier;
  readonly #log: Logger;
  readonly #appOrigins: string[];
  readonly #s: Settings;
  readonly #wss: WebSocketServer;
  readonly #calls = new Map<string, Call>();
  readonly #sessions = new Set<Session>();
  readonly #heartbeat: NodeJS.Timeout;
  readonly #revalidate: NodeJS.Timeout;
  #revalidating = false;
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
    this.#heartbeat = setInterval(() => this.#tick(), this.#s.heartbeatMs);
    this.#heartbeat.unref();
    this.#revalidate = setInterval(() => void this.#revalidateTokens(), this.#s.revalidateMs);
    this.#revalidate.unref();
  }

  // ---------------------------------------------------------------- transport

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
    const now = Date.now();
    const session: Session = {
      id: this.#nextSessionId++,
      ws,
      joining: false,
      pending: [],
      ended: false,
      lastSeen: now,
      tokens: this.#s.floodBurst,
      refilledAt: now,
    };
    this.#sessions.add(session);
    session.joinTimer = setTimeout(() => {
      if (session.participant || session.joining) return;
      this.#error(session, 'join_timeout', 'The first message must be join, within the join timeout.');
      ws.close(1008, 'join timeout');
    }, this.#s.joinTimeoutMs);
    ws.on('message', (data, isBinary) => this.#onFrame(session, data, isBinary));
    ws.on('pong', () => {
      session.lastSeen = Date.now();
    });
    ws.on('error', (err) => this.#log.debug({ err, session: session.id }, 'calling: socket error'));
    ws.on('close', (code) => this.#onClose(session, code));
  }

  #send(session: Session | undefined, msg: ServerMessage): void {
    if (!session || session.ws.readyState !== WebSocket.OPEN) return;
    session.ws.send(JSON.stringify(msg));
  }

  #error(session: Session, code: string, message: string): void {
    this.#send(session, { type: 'error', code, message });
  }

  /** Sends `ended` and closes normally; the close that follows is not treated as a drop. */
  #end(session: Session | undefined, end: EndReason, reason: string): void {
    if (!session || session.ended) return;
    session.ended = true;
    clearTimeout(session.joinTimer);
    this.#send(session, { type: 'ended', code: end.code, subCode: end.subCode, reason });
    if (session.ws.readyState === WebSocket.OPEN || session.ws.readyState === WebSocket.CONNECTING) {
      session.ws.close(1000, 'call ended');
    }
  }

  #allowFrame(session: Session): boolean {
    const now = Date.now();
    session.tokens = Math.min(
      this.#s.floodBurst,
      session.tokens + ((now - session.refilledAt) / 1000) * this.#s.floodRatePerS,
    );
    session.refilledAt = now;
    if (session.tokens < 1) return false;
    session.tokens -= 1;
    return true;
  }

  #onFrame(session: Session, data: RawData, isBinary: boolean): void {
    session.lastSeen = Date.now();
    if (session.ended) return;
    if (!this.#allowFrame(session)) {
      this.#log.warn({ session: session.id, participant: session.participant?.p.id }, 'calling: flood, closing');
      session.ws.close(1008, 'too many messages');
      return;
    }
    if (isBinary) return this.#error(session, 'invalid_message', 'Frames are JSON text.');
    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data).toString('utf8');
    const msg = parseFrame(ClientMessage, text);
    if (!msg) return this.#error(session, 'invalid_message', 'Not a valid calling protocol message.');
    if (session.joining) {
      if (msg.type === 'join') return this.#error(session, 'already_joined', 'A join is already in progress.');
      if (session.pending.length < 64) session.pending.push(msg);
      return;
    }
    try {
      this.#handle(session, msg);
    } catch (err) {
      // Never let one client's frame take the service down.
      this.#log.error({ err, session: session.id }, 'calling: unexpected error handling a frame');
      this.#error(session, 'invalid_message', 'The message could not be handled.');
    }
  }

  #handle(session: Session, msg: ClientMessage): void {
    if (msg.type === 'join') {
      if (session.participant) return this.#error(session, 'already_joined', 'This socket has already joined.');
      session.joining = true;
      void this.#join(session, msg)
        .catch((err: unknown) => {
          this.#log.error({ err }, 'calling: join failed unexpectedly');
          this.#end(session, END.serviceRestart, 'The calling service failed to join the meeting.');
        })
        .finally(() => {
          session.joining = false;
          const pending = session.pending.splice(0);
          for (const m of pending) if (!session.ended) this.#handle(session, m);
        });
      return;
    }
    const me = session.participant;
    if (!me) return this.#error(session, 'not_joined', 'Send join first.');
    switch (msg.type) {
      case 'ping':
        return this.#send(session, { type: 'pong' });
      case 'leave':
        return this.#remove(me, 'left', END.left, 'You left the meeting.');
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

  #onClose(session: Session, code: number): void {
    this.#sessions.delete(session);
    clearTimeout(session.joinTimer);
    // Shutting down: close() already cleared every call and grace timer; the 1012 closes that follow
    // must not re-arm them (they would keep the process alive and fire after shutdown).
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
      if (!me.session) this.#remove(me, 'dropped');
    }, this.#s.resumeGraceMs);
    me.graceTimer.unref();
  }

  // ---------------------------------------------------------------- join

  async #join(session: Session, msg: Extract<ClientMessage, { type: 'join' }>): Promise<void> {
    clearTimeout(session.joinTimer);
    const verified = await this.#verify(msg.token);
    if (!verified.ok) {
      return this.#end(
        session,
        END.unauthorized,
        `The access token was refused (${verified.code}): ${verified.message}`,
      );
    }
    const identity = verified.identityId;
    const canCall = isStaff(identity)
      ? verified.scopes.includes('Teams.ManageCalls')
      : verified.scopes.includes('voip') || verified.scopes.includes('voip.join');
    if (!canCall) {
      return this.#end(session, END.unauthorized, 'The access token has no voip scope.');
    }
    const found = findMeeting(this.#db, msg.meeting);
    if (!found.ok) return this.#end(session, END[found.end], found.reason);
    if (session.ws.readyState !== WebSocket.OPEN) return;

    // A fresh copy: lobby settings may have been changed through Graph or the admin API.
    const meeting = getMeeting(this.#db, found.stored.meeting.id)?.meeting ?? found.stored.meeting;
    const organizerId = found.stored.organizerId;
    let call = this.#calls.get(meeting.id);

    if (msg.resume && call) {
      const prior = call.members.get(msg.resume.participantId);
      if (prior && prior.p.identity === identity && sameSecret(prior.resumeKey, msg.resume.resumeKey)) {
        return this.#resume(session, prior, msg.token);
      }
      this.#log.info({ participantId: msg.resume.participantId }, 'calling: resume refused, joining anew');
    }

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
      if (this.#calls.get(meeting.id) !== call) call = undefined;
    }

    if (call && call.members.size >= this.#s.maxParticipants) {
      return this.#end(
        session,
        END.callFull,
        `This meeting already has ${this.#s.maxParticipants} participants, the most a local (mesh) call supports.`,
      );
    }
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
      this.#calls.set(meeting.id, call);
    }

    const oid = isStaff(identity) ? identity.slice('8:orgid:'.length) : undefined;
    const isOrganizer = oid !== undefined && oid.toLowerCase() === organizerId.toLowerCase();
    // Teams shows staff with their directory name; guests with the name they typed.
    const displayName = (oid && findUser(this.#db, oid)?.displayName) || msg.displayName;
    const direct = bypassesLobby(meeting.lobbyBypassSettings.scope, identity, isOrganizer);
    const member: Member = {
      p: {
        id: randomUUID(),
        identity,
        displayName,
        role: roleFor(meeting, identity, isOrganizer),
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
      token: msg.token,
      resumeKey: randomBytes(24).toString('base64url'),
      session,
    };
    call.members.set(member.p.id, member);
    session.participant = member;
    this.#log.info(
      { callId: call.callId, participant: member.p.id, role: member.p.role, state: member.p.state },
      'calling: joined',
    );

    this.#send(session, {
      type: 'joined',
      callId: call.callId,
      self: member.p,
      resumeKey: member.resumeKey,
      resumed: false,
      meeting: { subject: call.subject, threadId: call.threadId },
      participants: direct ? this.#others(member) : [],
      lobby: this.#lobbyFor(member),
    });
    if (direct) {
      for (const peer of this.#connected(call, member))
        this.#send(peer.session, { type: 'participant.joined', participant: member.p });
    } else {
      this.#sendLobbyUpdate(call);
    }
  }

  #resume(session: Session, me: Member, token: string): void {
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
    me.token = token;
    session.participant = me;
    me.p = { ...me.p, reconnecting: false };
    this.#log.info({ callId: me.call.callId, participant: me.p.id }, 'calling: resumed');
    const connected = me.p.state === 'Connected';
    this.#send(session, {
      type: 'joined',
      callId: me.call.callId,
      self: me.p,
      resumeKey: me.resumeKey,
      resumed: true,
      meeting: { subject: me.call.subject, threadId: me.call.threadId },
      participants: connected ? this.#others(me) : [],
      lobby: this.#lobbyFor(me),
    });
    this.#announceUpdate(me);
  }

  // ---------------------------------------------------------------- queries

  #connected(call: Call, except?: Member): Member[] {
    const out: Member[] = [];
    for (const m of call.members.values()) if (m !== except && m.p.state === 'Connected') out.push(m);
    return out;
  }

  #others(me: Member): Participant[] {
    return this.#connected(me.call, me).map((m) => m.p);
  }

  #lobby(call: Call): Participant[] {
    const out: Participant[] = [];
    for (const m of call.members.values()) if (m.p.state === 'InLobby') out.push(m.p);
    return out;
  }

  #canManage(m: Member): boolean {
    return m.p.state === 'Connected' && managesLobby(m.p);
  }

  #lobbyFor(m: Member): Participant[] {
    return this.#canManage(m) ? this.#lobby(m.call) : [];
  }

  #sendLobbyUpdate(call: Call): void {
    const lobby = this.#lobby(call);
    for (const m of this.#connected(call))
      if (managesLobby(m.p)) this.#send(m.session, { type: 'lobby.updated', lobby });
  }

  /** Tells the right people that `m` changed: Connected peers, or the presenters for a lobby member. */
  #announceUpdate(m: Member): void {
    if (m.p.state === 'Connected') {
      for (const peer of this.#connected(m.call, m))
        this.#send(peer.session, { type: 'participant.updated', participant: m.p });
    } else {
      this.#sendLobbyUpdate(m.call);
    }
  }

  // ---------------------------------------------------------------- actions

  #onState(me: Member, msg: Extract<ClientMessage, { type: 'state' }>): void {
    const { muted, cameraOn, screenSharing, speaking, handRaised } = msg;
    if (screenSharing && me.p.state !== 'Connected') {
      return this.#error(me.session!, 'not_connected', 'Screen sharing needs a Connected participant.');
    }
    // Only presenters present (Teams: allowedPresenters decides who is one; attendees may not share).
    if (screenSharing && !isPresenterRole(me.p.role)) {
      return this.#error(me.session!, 'not_allowed', 'Only presenters can share their screen in this meeting.');
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
        for (const m of this.#connected(me.call))
          this.#send(m.session, { type: 'participant.updated', participant: other.p });
      }
    }
    this.#announceUpdate(me);
  }

  #onSignal(me: Member, msg: Extract<ClientMessage, { type: 'signal' }>): void {
    const session = me.session!;
    if (me.p.state !== 'Connected')
      return this.#error(session, 'not_connected', 'Signalling needs a Connected participant.');
    if (msg.description === undefined && msg.candidate === undefined) {
      return this.#error(session, 'invalid_message', 'A signal carries a description or a candidate.');
    }
    const target = me.call.members.get(msg.to);
    if (!target || target === me)
      return this.#error(session, 'unknown_participant', `No participant ${msg.to} in this call.`);
    if (target.p.state !== 'Connected' || !target.session) {
      return this.#error(session, 'not_connected', `Participant ${msg.to} is not connected.`);
    }
    const out: ServerMessage = { type: 'signal', from: me.p.id };
    if (msg.description !== undefined) out.description = msg.description;
    if (msg.candidate !== undefined) out.candidate = msg.candidate;
    this.#send(target.session, out);
  }

  #onAdmit(me: Member, ids: string[] | 'all'): void {
    if (!this.#canManage(me))
      return this.#error(me.session!, 'not_allowed', 'Only organizers and presenters can admit.');
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
      m.p = { ...m.p, state: 'Connected' };
      this.#log.info({ callId: call.callId, participant: m.p.id, by: me.p.id }, 'calling: admitted');
      this.#send(m.session, { type: 'admitted', self: m.p, participants: this.#others(m) });
      for (const peer of this.#connected(call, m))
        this.#send(peer.session, { type: 'participant.joined', participant: m.p });
      if (managesLobby(m.p)) this.#send(m.session, { type: 'lobby.updated', lobby: this.#lobby(call) });
    }
    if (targets.length > 0) this.#sendLobbyUpdate(call);
    if (unknown.length > 0) {
      this.#error(me.session!, 'unknown_participant', `Not waiting in the lobby: ${unknown.join(', ')}.`);
    }
  }

  #onReject(me: Member, id: string): void {
    if (!this.#canManage(me))
      return this.#error(me.session!, 'not_allowed', 'Only organizers and presenters can deny entry.');
    const target = me.call.members.get(id);
    if (!target || target.p.state !== 'InLobby') {
      return this.#error(me.session!, 'unknown_participant', `${id} is not waiting in the lobby.`);
    }
    this.#remove(target, 'denied', END.deniedFromLobby, 'Someone in the meeting denied your request to join.');
  }

  #onRemoveOther(me: Member, id: string): void {
    const session = me.session!;
    if (!this.#canManage(me))
      return this.#error(session, 'not_allowed', 'Only organizers and presenters can remove people.');
    const target = me.call.members.get(id);
    if (!target || target === me)
      return this.#error(session, 'unknown_participant', `No other participant ${id} in this call.`);
    if (target.p.state !== 'Connected')
      return this.#error(session, 'unknown_participant', `${id} is in the lobby: use lobby.reject.`);
    if (target.p.role === 'organizer') return this.#error(session, 'not_allowed', 'The organizer cannot be removed.');
    this.#remove(target, 'removed', END.removed, 'You were removed from the meeting.');
  }

  /** Takes a participant out of its call, ends its session (when `end` is given) and tells the others. */
  #remove(m: Member, reason: LeftReason, end?: EndReason, text = ''): void {
    const call = m.call;
    if (call.members.get(m.p.id) !== m) return;
    call.members.delete(m.p.id);
    clearTimeout(m.graceTimer);
    m.graceTimer = undefined;
    if (end) this.#end(m.session, end, text);
    m.session = undefined;
    this.#log.info({ callId: call.callId, participant: m.p.id, reason }, 'calling: left');
    if (m.p.state === 'Connected') {
      for (const peer of this.#connected(call))
        this.#send(peer.session, { type: 'participant.left', participantId: m.p.id, reason });
    } else {
      for (const peer of this.#connected(call)) {
        if (!managesLobby(peer.p)) continue;
        this.#send(peer.session, { type: 'participant.left', participantId: m.p.id, reason });
      }
      this.#sendLobbyUpdate(call);
    }
    if (call.members.size === 0) this.#calls.delete(call.meetingId);
  }

  // ---------------------------------------------------------------- background

  #tick(): void {
    const now = Date.now();
    for (const s of this.#sessions) {
      if (now - s.lastSeen > this.#s.idleTimeoutMs) {
        this.#log.info({ session: s.id }, 'calling: idle socket closed');
        s.ws.terminate();
      } else if (s.ws.readyState === WebSocket.OPEN) {
        s.ws.ping();
      }
    }
  }

  /**
   * Re-verifies every participant's token so a revoked token or a deleted identity removes the
   * participant within `revalidateMs`. Expiry is only checked at join: in ACS a call goes on after
   * the token expires (the client refreshes it for new operations).
   */
  async #revalidateTokens(): Promise<void> {
    if (this.#revalidating || this.#closing) return;
    this.#revalidating = true;
    try {
      const members = [...this.#calls.values()].flatMap((c) => [...c.members.values()]);
      await Promise.all(
        members.map(async (m) => {
          const v = await this.#verify(m.token);
          if (v.ok || v.code === 'expired') return;
          this.#log.info({ participant: m.p.id, code: v.code }, 'calling: token no longer valid, removing');
          this.#remove(m, 'removed', END.tokenRevoked, 'Your access was revoked.');
        }),
      );
    } catch (err) {
      this.#log.error({ err }, 'calling: token revalidation failed');
    } finally {
      this.#revalidating = false;
    }
  }

  // ---------------------------------------------------------------- admin and lifecycle

  list(): CallSummary[] {
    return [...this.#calls.values()].map((c) => ({
      callId: c.callId,
      meetingId: c.meetingId,
      subject: c.subject,
      startedAt: c.startedAt,
      participants: [...c.members.values()].map((m) => m.p),
    }));
  }

  /**
   * Simulates a network failure for one participant: its socket is cut without a close handshake,
   * exactly as when a laptop drops off Wi-Fi, so the client's reconnect-and-resume path runs.
   * Returns false when no connected participant has that id.
   */
  dropConnection(participantId: string): boolean {
    for (const call of this.#calls.values()) {
      const session = call.members.get(participantId)?.session;
      if (session) {
        session.ws.terminate();
        return true;
      }
    }
    return false;
  }

  /**
   * Closes every socket with 1012 (service restart): clients rejoin by themselves, and since nothing
   * is persisted their resume fails and they join anew.
   */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    clearInterval(this.#heartbeat);
    clearInterval(this.#revalidate);
    for (const call of this.#calls.values()) for (const m of call.members.values()) clearTimeout(m.graceTimer);
    this.#calls.clear();
    const sockets = [...this.#sessions].map((s) => s.ws);
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) return resolve();
            const t = setTimeout(() => {
              ws.terminate();
              resolve();
            }, 500);
            ws.once('close', () => {
              clearTimeout(t);
              resolve();
            });
            ws.close(1012, 'emulator restarting');
          }),
      ),
    );
    this.#wss.close();
  }
}
