/**
 * The calls the service holds in memory and the members of each, plus the ends that members missed
 * while their socket was down (so a late resume is told how its call ended instead of silently
 * becoming someone new). Queries only; the service decides who is told what.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

import type { EndName, Participant } from '../../lib/contracts/calling-protocol';
import { mayManageLobby } from './policy';
import type { Session } from './transport';

export type Member = {
  p: Participant;
  call: Call;
  resumeKey: string;
  session?: Session<Member>;
  graceTimer?: NodeJS.Timeout;
  lobbyTimer?: NodeJS.Timeout;
};

export type Call = {
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

/** A member whose call ended while its socket was down, kept so its resume can be answered. */
type MissedEnd = { identity: string; resumeKey: string; end: EndName; until: number };

/** How long a missed end is remembered; a client gives up resuming well before this. */
const MISSED_END_TTL_MS = 10 * 60_000;
const MAX_MISSED_ENDS = 10_000;

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class CallRegistry {
  readonly #calls = new Map<string, Call>();
  readonly #missed = new Map<string, MissedEnd>();

  get(meetingId: string): Call | undefined {
    return this.#calls.get(meetingId);
  }

  /** The meeting's call, started when the first person joins. */
  open(meetingId: string, subject: string, threadId: string, organizerId: string): Call {
    let call = this.#calls.get(meetingId);
    if (!call) {
      const startedAt = new Date().toISOString();
      call = { callId: randomUUID(), meetingId, subject, threadId, organizerId, startedAt, members: new Map() };
      this.#calls.set(meetingId, call);
    }
    return call;
  }

  /** Forgets a call once its last member is gone. */
  forgetIfEmpty(call: Call): void {
    if (call.members.size === 0 && this.#calls.get(call.meetingId) === call) this.#calls.delete(call.meetingId);
  }

  calls(): IterableIterator<Call> {
    return this.#calls.values();
  }

  clear(): void {
    this.#calls.clear();
    this.#missed.clear();
  }

  findMember(participantId: string): Member | undefined {
    for (const call of this.#calls.values()) {
      const m = call.members.get(participantId);
      if (m) return m;
    }
    return undefined;
  }

  rememberMissedEnd(m: Member, end: EndName): void {
    if (this.#missed.size >= MAX_MISSED_ENDS) this.pruneMissedEnds(Number.POSITIVE_INFINITY);
    this.#missed.set(m.p.id, {
      identity: m.p.identity,
      resumeKey: m.resumeKey,
      end,
      until: Date.now() + MISSED_END_TTL_MS,
    });
  }

  /** The end a resuming client missed, if the id, key and identity are those of a member that ended. */
  takeMissedEnd(participantId: string, resumeKey: string, identity: string): EndName | undefined {
    const missed = this.#missed.get(participantId);
    if (!missed || missed.until < Date.now()) return undefined;
    if (missed.identity !== identity || !sameSecret(missed.resumeKey, resumeKey)) return undefined;
    this.#missed.delete(participantId);
    return missed.end;
  }

  /** Drops expired missed ends (all of them when `now` is infinite). */
  pruneMissedEnds(now = Date.now()): void {
    for (const [id, missed] of this.#missed) if (missed.until < now) this.#missed.delete(id);
  }

  summaries(): CallSummary[] {
    return [...this.#calls.values()].map((c) => ({
      callId: c.callId,
      meetingId: c.meetingId,
      subject: c.subject,
      startedAt: c.startedAt,
      participants: [...c.members.values()].map((m) => m.p),
    }));
  }
}

type NewParticipant = Pick<
  Participant,
  'identity' | 'displayName' | 'role' | 'external' | 'state' | 'muted' | 'cameraOn'
>;

/** A new member of `call` on `session`, with a fresh participant id and resume key. */
export function addMember(call: Call, session: Session<Member>, p: NewParticipant): Member {
  const member: Member = {
    p: { id: randomUUID(), ...p, screenSharing: false, speaking: false, handRaised: false, reconnecting: false },
    call,
    resumeKey: randomBytes(24).toString('base64url'),
    session,
  };
  call.members.set(member.p.id, member);
  return member;
}

export function connected(call: Call, except?: Member): Member[] {
  const out: Member[] = [];
  for (const m of call.members.values()) if (m !== except && m.p.state === 'Connected') out.push(m);
  return out;
}

/** Everyone else who is Connected, as sent in `joined` and `admitted`. */
export function othersOf(me: Member): Participant[] {
  return connected(me.call, me).map((m) => m.p);
}

export function lobbyOf(call: Call): Participant[] {
  const out: Participant[] = [];
  for (const m of call.members.values()) if (m.p.state === 'InLobby') out.push(m.p);
  return out;
}

/** The lobby as `m` may see it: all of it for those who manage it, nothing for anyone else. */
export function lobbyFor(m: Member): Participant[] {
  return mayManageLobby(m.p) ? lobbyOf(m.call) : [];
}

/** The Connected members who manage the lobby (and so hear about it). */
export function lobbyManagers(call: Call): Member[] {
  return connected(call).filter((m) => mayManageLobby(m.p));
}
