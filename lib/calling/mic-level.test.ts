import { describe, expect, it } from 'vitest';
import { meterLevel, rms, speakingDetector } from './mic-level';

describe('rms', () => {
  it('is 0 for silence and the amplitude for a full-scale square wave', () => {
    expect(rms(new Float32Array(64))).toBe(0);
    expect(rms([0.5, -0.5, 0.5, -0.5])).toBeCloseTo(0.5);
    expect(rms([])).toBe(0);
  });
});

describe('meterLevel (device check)', () => {
  it('jumps up at once, never past full, and falls back gently', () => {
    expect(meterLevel(0.1, 0)).toBeCloseTo(0.4);
    expect(meterLevel(0.9, 0)).toBe(1);
    expect(meterLevel(0, 0.5)).toBeCloseTo(0.4);
    expect(meterLevel(0, 0.4)).toBeCloseTo(0.32);
  });
});

describe('speakingDetector (call)', () => {
  it('turns on above the threshold and off only after 600 ms of quiet', () => {
    const detect = speakingDetector();
    expect(detect(0.01, 0)).toBe(false);
    expect(detect(0.1, 100)).toBe(true);
    expect(detect(0.01, 200)).toBe(true);
    expect(detect(0.01, 699)).toBe(true);
    expect(detect(0.01, 700)).toBe(false);
    expect(detect(0.01, 800)).toBe(false);
  });
});
