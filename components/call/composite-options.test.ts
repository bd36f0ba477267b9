import { describe, expect, it } from 'vitest';
import { compositeOptions } from './composite-options';

/** `isEnabled` in the composite: a control shows unless its option is `false` (or `{disabled: true}` greys it). */
const shown = (value: unknown) => value !== false;

describe('composite options: raise hand and reactions', () => {
  it.each([
    ['local', false],
    ['local', true],
    ['azure', false],
    ['azure', true],
  ] as const)('%s (attendee: %s) shows the raise-hand and reaction buttons', (cloud, isAttendee) => {
    const controls = compositeOptions(cloud, isAttendee).callControls;
    const options = typeof controls === 'object' ? controls : {};
    expect(shown(options.raiseHandButton)).toBe(true);
    expect(shown(options.reactionButton)).toBe(true);
  });

  it('still hides what the local cloud lacks', () => {
    const controls = compositeOptions('local', false).callControls;
    expect(typeof controls === 'object' && controls.captionsButton).toBe(false);
  });
});
