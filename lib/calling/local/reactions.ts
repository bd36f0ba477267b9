/**
 * Reactions in the local adapter's state, shown for as long as the Calling SDK's stateful client
 * shows them: each one replaces the sender's previous reaction and is cleared REACTION_SHOW_MS later
 * (calling-stateful-client CallContext.setReceivedReactionFromParticipant, REACTION_ANIMATION_TIME_MS).
 */
import { REACTION_SHOW_MS, type ReactionType } from '@/lib/contracts/calling-protocol';
import type { AdapterStore } from './store';

export class ReactionDisplay {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: AdapterStore,
    private readonly showMs = REACTION_SHOW_MS,
  ) {}

  /** `key`: the sender's flat id (ours for a reaction we sent, which the service echoes). */
  show(key: string, reaction: ReactionType): void {
    clearTimeout(this.timers.get(key));
    this.store.dispatch({ type: 'reaction', key, reaction, receivedOn: new Date() });
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.store.dispatch({ type: 'reaction', key, reaction: null });
      }, this.showMs),
    );
  }

  /** Stops every pending clear (the call ended: its state is gone with it). */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
