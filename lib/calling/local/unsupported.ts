/**
 * The `CallAdapter` operations the local cloud does not have, from one table: each rejects with
 * `UnsupportedInLocalModeError` naming the feature (or throws, for the synchronous `startCall`, or
 * does nothing where there is nothing to do). Their buttons are hidden by the composite options in
 * components/call, so a user never reaches them; app code that calls one gets a clear error.
 *
 * `LocalCallAdapter` extends `UnsupportedInLocalMode`, whose prototype carries the generated stubs;
 * the table's keys are checked against `CallAdapter`, so a renamed or new method fails type-checking.
 */
import type { CallAdapter } from '@azure/communication-react';
import { UnsupportedInLocalModeError } from './errors';

/** `reject`: async method, rejects · `throw`: synchronous method, throws · `ignore`: returns nothing. */
type Stub = readonly [feature: string, how: 'reject' | 'throw' | 'ignore'];

const UNSUPPORTED = {
  startCall: ['startCall (outgoing calls)', 'throw'],
  addParticipant: ['adding participants / PSTN', 'reject'],
  holdCall: ['hold', 'reject'],
  resumeCall: ['hold', 'reject'],
  sendDtmfTone: ['DTMF', 'reject'],
  createTogetherModeStreamView: ['together mode', 'reject'],
  startTogetherMode: ['together mode', 'reject'],
  disposeTogetherModeStreamView: ['together mode', 'reject'],
  // Called by the composite on resize whether or not together mode is on: nothing to size.
  setTogetherModeSceneSize: ['together mode', 'ignore'],
  startCaptions: ['captions', 'reject'],
  stopCaptions: ['captions', 'reject'],
  setCaptionLanguage: ['captions', 'reject'],
  setSpokenLanguage: ['captions', 'reject'],
  sendRealTimeText: ['real-time text', 'reject'],
  startVideoBackgroundEffect: ['background effects', 'reject'],
  stopVideoBackgroundEffects: ['background effects', 'reject'],
  startNoiseSuppressionEffect: ['noise suppression effects', 'reject'],
  stopNoiseSuppressionEffect: ['noise suppression effects', 'reject'],
  submitSurvey: ['call surveys', 'reject'],
  startSpotlight: ['spotlight', 'reject'],
  stopSpotlight: ['spotlight', 'reject'],
  stopAllSpotlight: ['spotlight', 'reject'],
  muteParticipant: ['muting others', 'reject'],
  muteAllRemoteParticipants: ['muting others', 'reject'],
  returnFromBreakoutRoom: ['breakout rooms', 'reject'],
  forbidAudio: ['media access control', 'reject'],
  permitAudio: ['media access control', 'reject'],
  forbidOthersAudio: ['media access control', 'reject'],
  permitOthersAudio: ['media access control', 'reject'],
  forbidVideo: ['media access control', 'reject'],
  permitVideo: ['media access control', 'reject'],
  forbidOthersVideo: ['media access control', 'reject'],
  permitOthersVideo: ['media access control', 'reject'],
} as const satisfies Partial<Record<keyof CallAdapter, Stub>>;

type UnsupportedOperation = keyof typeof UNSUPPORTED;

function stub([feature, how]: Stub): () => unknown {
  switch (how) {
    case 'throw':
      return () => {
        throw new UnsupportedInLocalModeError(feature);
      };
    case 'reject':
      return () => Promise.reject(new UnsupportedInLocalModeError(feature));
    case 'ignore':
      return () => undefined;
  }
}

/** A base class with every unsupported `CallAdapter` operation (see the table above). */
export const UnsupportedInLocalMode = class {} as unknown as new () => Pick<CallAdapter, UnsupportedOperation>;

for (const [name, entry] of Object.entries(UNSUPPORTED) as [UnsupportedOperation, Stub][]) {
  Object.defineProperty(UnsupportedInLocalMode.prototype, name, {
    value: stub(entry),
    writable: true,
    configurable: true,
  });
}
