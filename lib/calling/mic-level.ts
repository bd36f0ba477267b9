/**
 * The one microphone level reader: an AnalyserNode on a microphone track, read every 100 ms. The
 * device check turns the readings into a meter (`meterLevel`), the local call adapter into "speaking"
 * (`speakingDetector`). Browser-only in `startMicLevel`; the arithmetic is pure so it is unit-tested.
 */

const MIC_LEVEL_INTERVAL_MS = 100;
/** ~43 ms of audio per reading at 48 kHz: with a reading every 100 ms, short sounds are not missed. */
const FFT_SIZE = 2048;

/** Root mean square of time-domain samples (-1…1): 0 for silence. */
export function rms(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / samples.length);
}

/**
 * The meter's next value (0–1) from a reading: scaled so ordinary speech fills most of the bar; it
 * rises at once and falls gently, like a VU meter, so a word stays visible long enough to be seen.
 */
export function meterLevel(reading: number, previous: number): number {
  return Math.max(Math.min(1, reading * 4), previous * 0.8);
}

/**
 * "Speaking" with hysteresis: on as soon as a reading is above `threshold`, off only after `holdMs`
 * below it, so the speaking ring does not flicker between words.
 */
export function speakingDetector(threshold = 0.04, holdMs = 600): (reading: number, now: number) => boolean {
  let speaking = false;
  let lastLoud = -Infinity;
  return (reading, now) => {
    const loud = reading > threshold;
    if (loud) lastLoud = now;
    speaking = loud || (speaking && now - lastLoud < holdMs);
    return speaking;
  };
}

/**
 * Reads the track's level every 100 ms and passes the RMS to `onReading`. Returns the stop function,
 * or undefined where there is no Web Audio. A suspended context (no user gesture yet) is resumed on
 * each tick: it reads silence until the browser lets it run.
 */
export function startMicLevel(track: MediaStreamTrack, onReading: (rms: number) => void): (() => void) | undefined {
  const Ctx =
    typeof window !== 'undefined'
      ? (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext)
      : undefined;
  if (!Ctx) return undefined;
  let ctx: AudioContext;
  try {
    ctx = new Ctx();
  } catch {
    return undefined;
  }
  const analyser = ctx.createAnalyser();
  analyser.fftSize = FFT_SIZE;
  ctx.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    analyser.getFloatTimeDomainData(samples);
    onReading(rms(samples));
  }, MIC_LEVEL_INTERVAL_MS);
  return () => {
    clearInterval(timer);
    void ctx.close().catch(() => undefined);
  };
}
