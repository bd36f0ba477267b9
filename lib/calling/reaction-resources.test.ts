import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REACTION_RESOURCES, REACTION_SPRITES, withReactions } from './reaction-resources';

describe('reaction sprites', () => {
  it('go into the Azure adapters’ options, beside the options already given', () => {
    const options: { callingSounds?: object; reactionResources?: typeof REACTION_RESOURCES } = { callingSounds: {} };
    const args = withReactions({ displayName: 'Grace', options });
    expect(args).toEqual({
      displayName: 'Grace',
      options: { callingSounds: {}, reactionResources: REACTION_RESOURCES },
    });
    const none: { options?: { reactionResources?: typeof REACTION_RESOURCES } } = {};
    expect(withReactions(none).options?.reactionResources).toBe(REACTION_RESOURCES);
  });

  it('exist in public/ for all five reactions, one 128-px frame per frameCount', () => {
    const sprites = Object.values(REACTION_SPRITES);
    expect(sprites).toHaveLength(5);
    for (const sprite of sprites) {
      const svg = readFileSync(join(process.cwd(), 'public', sprite.url), 'utf8');
      expect(svg).toContain(`height="${128 * sprite.frameCount}"`);
    }
  });
});
