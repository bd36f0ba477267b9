import { describe, expect, it } from 'vitest';
import { objectFitFor } from './state';
import { ViewRegistry, viewKey, type ViewFactory } from './views';

function registry() {
  const made: { disposed: boolean; streams: unknown[]; modes: string[] }[] = [];
  const factory: ViewFactory = (stream, options) => {
    const entry = { disposed: false, streams: [stream] as unknown[], modes: [options.scalingMode] as string[] };
    made.push(entry);
    return {
      target: new (class FakeElement {})() as unknown as HTMLElement,
      setStream: (s) => void entry.streams.push(s),
      setScalingMode: (m) => void entry.modes.push(m),
      dispose: () => void (entry.disposed = true),
    };
  };
  return { views: new ViewRegistry(factory), made };
}

const opts = {
  participantId: '8:acs:b',
  kind: 'camera' as const,
  local: false,
  scalingMode: 'Crop' as const,
  isMirrored: false,
};

describe('ViewRegistry', () => {
  it('creates one target per key however often it is asked', () => {
    const { views, made } = registry();
    const first = views.create(viewKey.remote('8:acs:b', 'camera'), undefined, opts);
    const second = views.create(viewKey.remote('8:acs:b', 'camera'), undefined, { ...opts, scalingMode: 'Fit' });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.view.target).toBe(first.view.target);
    expect(made).toHaveLength(1);
    expect(made[0]!.modes).toEqual(['Crop', 'Fit']);
    expect(views.size).toBe(1);
  });

  it('disposes once; disposing again or an unknown key does nothing', () => {
    const { views, made } = registry();
    views.create('k', undefined, opts);
    expect(views.dispose('k')).toBe(true);
    expect(made[0]!.disposed).toBe(true);
    expect(views.dispose('k')).toBe(false);
    expect(views.dispose('unknown')).toBe(false);
    expect(views.create('k', undefined, opts).created).toBe(true);
  });

  it('maps scaling modes to object-fit', () => {
    expect(objectFitFor('Crop')).toBe('cover');
    expect(objectFitFor('Fit')).toBe('contain');
    expect(objectFitFor('Stretch')).toBe('fill');
  });
});
