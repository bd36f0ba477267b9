/**
 * The reaction sprites both clouds give the UI Library. The composite draws its reaction button and
 * the reaction overlay on a tile only when the adapter's state carries `reactions`
 * (`ReactionResources`): without them the button is missing even where the Calling SDK could send
 * reactions. Azure's adapter takes them as `options.reactionResources`; the local adapter puts them in
 * its initial state.
 *
 * Microsoft's samples ship animated PNG strips; these are Vestibule's own static SVGs in
 * `public/reactions/` (51 identical 128-px frames, the frame count and size the UI Library animates
 * by default), drawn with shapes so they render without an emoji font.
 */
import type { ReactionResources } from '@azure/communication-react';

const FRAMES = 51;

/** The sprites by the UI Library's `ReactionResources` keys (a plain shape, so tests can read it). */
export const REACTION_SPRITES = {
  likeReaction: { url: '/reactions/like.svg', frameCount: FRAMES },
  heartReaction: { url: '/reactions/heart.svg', frameCount: FRAMES },
  laughReaction: { url: '/reactions/laugh.svg', frameCount: FRAMES },
  applauseReaction: { url: '/reactions/applause.svg', frameCount: FRAMES },
  surprisedReaction: { url: '/reactions/surprised.svg', frameCount: FRAMES },
} as const satisfies Record<keyof ReactionResources, { url: string; frameCount: number }>;

export const REACTION_RESOURCES: ReactionResources = REACTION_SPRITES;

/**
 * An Azure adapter's arguments with the sprites in `options` (the UI Library's `CommonCallAdapterOptions`
 * `reactionResources`), unless the caller already chose some.
 */
export function withReactions<T extends { options?: { reactionResources?: ReactionResources } }>(args: T): T {
  return { ...args, options: { reactionResources: REACTION_RESOURCES, ...args.options } };
}
