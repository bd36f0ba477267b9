/**
 * The other participants the call knows (by per-call participant id) and the media streams arriving
 * from each. Shared by the call session (which keeps it current) and the stream views (which read it).
 *
 * After a reload the same person can briefly have two participant ids (the old one waiting out its
 * resume grace); tiles, views and state follow the newest id for an identity only (`currentFor`).
 */
import type { Participant } from '@/lib/contracts/calling-protocol';
import type { TrackKind } from './mesh';
import { flatId, toIdentifier } from './state';

type RemoteStreams = Partial<Record<TrackKind, MediaStream>>;

export class Roster {
  private readonly participants = new Map<string, Participant>();
  private readonly streams = new Map<string, RemoteStreams>();

  get(participantId: string): Participant | undefined {
    return this.participants.get(participantId);
  }

  set(participant: Participant): void {
    this.participants.set(participant.id, participant);
  }

  /** Forgets the participant and its streams. */
  delete(participantId: string): void {
    this.participants.delete(participantId);
    this.streams.delete(participantId);
  }

  ids(): string[] {
    return [...this.participants.keys()];
  }

  values(): IterableIterator<Participant> {
    return this.participants.values();
  }

  /** The entry shown for an identity: the newest participant id with it. */
  currentFor(identity: string): Participant | undefined {
    let current: Participant | undefined;
    for (const q of this.participants.values()) if (q.identity === identity) current = q;
    return current;
  }

  /** The current entry for a flat identifier (as the composite names remote participants). */
  entryFor(flat: string): Participant | undefined {
    let current: Participant | undefined;
    for (const q of this.participants.values()) if (flatId(toIdentifier(q.identity)) === flat) current = q;
    return current;
  }

  /** Records (or, with undefined, removes) a participant's incoming stream; returns all of theirs. */
  setStream(participantId: string, kind: TrackKind, stream: MediaStream | undefined): RemoteStreams {
    const streams = { ...this.streams.get(participantId) };
    if (stream) streams[kind] = stream;
    else delete streams[kind];
    this.streams.set(participantId, streams);
    return streams;
  }

  streamsOf(participantId: string): RemoteStreams {
    return this.streams.get(participantId) ?? {};
  }
}
