'use client';

import { useEffect, useRef } from 'react';

export interface EnableSoundPromptProps {
  /** Plays the remote audio; must run inside the click (the browser's autoplay policy waits for a gesture). */
  onEnable: () => void;
  /**
   * The words, in the page's language: the guest's call passes its translation; the staff call (English,
   * outside any translation provider) takes the defaults.
   */
  text?: { paused: string; enable: string };
}

const ENGLISH = { paused: 'Your browser paused the meeting’s sound.', enable: 'Click to enable sound' };

/**
 * Shown when the browser refused to play the meeting's audio until the user interacts with the page
 * (autoplay policy): without it the others would simply be silent. A real button, so Enter and Space
 * work and screen readers announce it; it takes focus when it appears, because a keyboard or screen
 * reader user cannot hear that anything is missing either, and the alert role announces why.
 */
export function EnableSoundPrompt({ onEnable, text = ENGLISH }: EnableSoundPromptProps) {
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    button.current?.focus();
  }, []);

  return (
    <div role="alert" className="banner banner--info" data-testid="enable-sound-prompt">
      {text.paused}{' '}
      <button ref={button} type="button" className="button" onClick={onEnable}>
        {text.enable}
      </button>
    </div>
  );
}
