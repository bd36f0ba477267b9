'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/** `setSinkId` is where a page may pick the speaker (Chromium, Edge, Firefox 116+; not Safari). */
type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/**
 * Where the last test stands: `played` once the tone went out (the page can't know whether anyone
 * heard it: it asks), `failed` when the browser refused to play it on that speaker.
 */
export type SpeakerTestOutcome = 'idle' | 'playing' | 'played' | 'failed';

/**
 * The speakers the browser lists (labels appear once camera/microphone access was granted) and a
 * short test tone through the chosen one, so a guest hears where the meeting's sound will come out.
 */
export function useSpeakers(ready: boolean) {
  const [speakers, setSpeakers] = useState<MediaDeviceInfo[]>([]);
  const [speakerId, setSpeakerId] = useState<string>();
  const [outcome, setOutcome] = useState<SpeakerTestOutcome>('idle');
  const stopTest = useRef<(() => void) | undefined>(undefined);

  useEffect(() => {
    if (!ready || typeof navigator.mediaDevices?.enumerateDevices !== 'function') return;
    let cancelled = false;
    const read = () =>
      void navigator.mediaDevices.enumerateDevices().then((devices) => {
        if (cancelled) return;
        const outputs = devices.filter((d) => d.kind === 'audiooutput');
        setSpeakers(outputs);
        setSpeakerId((id) => (id && outputs.some((o) => o.deviceId === id) ? id : outputs[0]?.deviceId));
      });
    read();
    navigator.mediaDevices.addEventListener('devicechange', read);
    return () => {
      cancelled = true;
      navigator.mediaDevices.removeEventListener('devicechange', read);
    };
  }, [ready]);

  useEffect(() => () => stopTest.current?.(), []);

  const playTest = useCallback(async () => {
    stopTest.current?.();
    const context = new AudioContext();
    const tone = context.createOscillator();
    const gain = context.createGain();
    const out = context.createMediaStreamDestination();
    tone.frequency.value = 660;
    gain.gain.setValueAtTime(0.2, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 1.2);
    tone.connect(gain).connect(out);
    // Through an <audio> element, because only an element can be sent to a chosen speaker.
    const audio = new Audio() as SinkAudio;
    audio.srcObject = out.stream;
    const stop = (result: SpeakerTestOutcome) => {
      try {
        tone.stop();
      } catch {
        // Never started (setSinkId refused first): nothing to stop.
      }
      audio.pause();
      audio.srcObject = null;
      void context.close();
      setOutcome(result);
      stopTest.current = undefined;
    };
    stopTest.current = () => stop('idle');
    const current = stopTest.current;
    setOutcome('playing');
    try {
      if (speakerId && audio.setSinkId) await audio.setSinkId(speakerId);
      tone.start();
      await audio.play();
      setTimeout(() => {
        if (stopTest.current === current) stop('played');
      }, 1300);
    } catch {
      stop('failed');
    }
  }, [speakerId]);

  // A test of another speaker says nothing about this one: ask again after the next test.
  const selectSpeaker = useCallback((id: string) => {
    stopTest.current?.();
    setSpeakerId(id);
    setOutcome('idle');
  }, []);

  const speaker = speakers.find((s) => s.deviceId === speakerId);
  return { speakers, speakerId, speaker, selectSpeaker, playTest, outcome, testing: outcome === 'playing' };
}
