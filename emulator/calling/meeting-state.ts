/**
 * Interactions in a call beyond media: the raised-hand queue, reactions and the meeting's
 * recording/transcription state (the Teams compliance notice). Kept apart from actions.ts so the
 * rules of each sit together; the service calls in here at the few points where a member's hand,
 * state or presence changes.
 *
 * State lives in WeakMaps keyed by the registry's Call and Member objects: it ends with the call
 * (a recording stops when the meeting's call ends, as in Teams) and needs no field in the registry.
 */
import {
  type Compliance,
  type Participant,
  REACTION_BURST,
  REACTION_RATE_PER_S,
  type ReactionType,
  type ServerMessage,
} from '../../lib/contracts/calling-protocol';
import { type Call, type Member, connected } from './registry';
import { FloodBucket, send, sendError } from './transport';

// ---------------------------------------------------------------- raised hands

/** When each member's current hand went up (a call-wide counter): the queue's order. */
const raisedAt = new WeakMap<Member, number>();
const raiseCounter = new WeakMap<Call, number>();

/** Records that `m`'s hand went up or down (call before renumbering). */
export function noteHand(m: Member, wasRaised: boolean): void {
  if (m.p.handRaised && !wasRaised) {
    const next = (raiseCounter.get(m.call) ?? 0) + 1;
    raiseCounter.set(m.call, next);
    raisedAt.set(m, next);
  } else if (!m.p.handRaised) {
    raisedAt.delete(m);
  }
}

function withOrder(p: Participant, order: number | undefined): Participant {
  if (p.handOrder === order) return p;
  const { handOrder: _dropped, ...rest } = p;
  return order === undefined ? rest : { ...rest, handOrder: order };
}

/**
 * Numbers the Connected members' raised hands 1..n in the order they went up (the SDK's
 * `RaisedHand.order`); lobby members and lowered hands have none. Returns the members whose position
 * changed, `m.p` already updated.
 */
export function renumberHands(call: Call): Member[] {
  const queue = [...call.members.values()]
    .filter((m) => m.p.state === 'Connected' && m.p.handRaised)
    .sort((a, b) => (raisedAt.get(a) ?? 0) - (raisedAt.get(b) ?? 0));
  const position = new Map(queue.map((m, i) => [m, i + 1]));
  const changed: Member[] = [];
  for (const m of call.members.values()) {
    const next = withOrder(m.p, position.get(m));
    if (next !== m.p) {
      m.p = next;
      changed.push(m);
    }
  }
  return changed;
}

/**
 * Tells everyone Connected (the member itself included, so its own queue position is right) about
 * each member whose position moved. `skip` was already announced to its peers by the caller.
 */
export function announceHandMoves(call: Call, moved: Member[], skip?: Member): void {
  for (const m of moved) {
    if (m.p.state !== 'Connected') continue;
    const frame: ServerMessage = { type: 'participant.updated', participant: m.p };
    for (const peer of connected(call)) if (m !== skip || peer === m) send(peer.session, frame);
  }
}

// ---------------------------------------------------------------- reactions

const reactionBuckets = new WeakMap<Member, FloodBucket>();

/** Why `me` may not react now, or undefined when it may (Teams: reactions are for the meeting, not the lobby). */
export function reactionRefusal(
  me: Pick<Member, 'p'>,
  allowTeamworkReactions: boolean,
): 'not_connected' | 'not_allowed' | undefined {
  if (me.p.state !== 'Connected') return 'not_connected';
  if (!allowTeamworkReactions) return 'not_allowed';
  return undefined;
}

/**
 * Relays a reaction to everyone Connected, the sender included (the SDK raises `reaction` for the
 * local user as well), after the meeting's policy and the sender's rate limit.
 */
export function onReaction(
  me: Member,
  reaction: ReactionType,
  allowTeamworkReactions: boolean,
  now = Date.now(),
): void {
  const refusal = reactionRefusal(me, allowTeamworkReactions);
  if (refusal === 'not_connected') return sendError(me.session, refusal, 'Reactions need a Connected participant.');
  if (refusal === 'not_allowed') return sendError(me.session, refusal, 'Reactions are turned off for this meeting.');
  let bucket = reactionBuckets.get(me);
  if (!bucket) {
    bucket = new FloodBucket(REACTION_RATE_PER_S, REACTION_BURST, now);
    reactionBuckets.set(me, bucket);
  }
  if (!bucket.take(now)) return sendError(me.session, 'rate_limited', 'Too many reactions: wait a moment.');
  for (const peer of connected(me.call)) send(peer.session, { type: 'reaction', from: me.p.id, reaction });
}

// ---------------------------------------------------------------- recording and transcription

const compliance = new WeakMap<Call, Compliance>();
const NOTHING: Compliance = { recording: false, transcription: false };

/** The call's recording and transcription state, as `admitted` carries it. */
export function complianceOf(call: Call): Compliance {
  return compliance.get(call) ?? NOTHING;
}

/**
 * What `joined` carries: the call's state for someone in the meeting, nothing for the lobby. A lobby
 * member is not told of changes while waiting, so they learn the state on admission, in one piece;
 * a value given at join could be stale by then and make the notice say "stopped" about a recording
 * they never saw start.
 */
export function complianceFor(m: Pick<Member, 'p' | 'call'>): Compliance {
  return m.p.state === 'Connected' ? complianceOf(m.call) : NOTHING;
}

/**
 * Starts or stops the call's recording or transcription and tells everyone Connected at once (the
 * lobby learns it in `admitted`). Returns the new state; nothing is sent when nothing changed.
 */
export function setCompliance(call: Call, kind: keyof Compliance, active: boolean): Compliance {
  const current = complianceOf(call);
  if (current[kind] === active) return current;
  const next = { ...current, [kind]: active };
  compliance.set(call, next);
  for (const m of connected(call)) send(m.session, { type: 'compliance.updated', ...next });
  return next;
}
