/**
 * A short two-note chime for "someone entered the lobby", generated with WebAudio (no sound file to
 * ship or load). Best effort: without an AudioContext, or while the browser still blocks sound, the
 * visible and announced notice carries the news alone.
 */
let context: AudioContext | undefined;

export function playLobbyChime(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const start = context.currentTime;
    for (const [i, frequency] of [660, 880].entries()) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      const t = start + i * 0.15;
      // Soft attack and decay: a click-free ping well below the call's own audio.
      gain.gain.setValueAtTime(0, t);
      gain.gain.linearRampToValueAtTime(0.15, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.001, t + 0.3);
      osc.connect(gain).connect(context.destination);
      osc.start(t);
      osc.stop(t + 0.32);
    }
  } catch {
    // No WebAudio here: the notice is enough.
  }
}
