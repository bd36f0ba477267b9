/**
 * The `CallComposite` options per cloud and role, shared by the staff/dev call (`CallExperience`)
 * and the guest's call (`GuestCall`).
 */
import type { CallCompositeOptions } from '@azure/communication-react';
import type { CallCloud } from '@/lib/calling/create-call-adapter';

/**
 * What the local cloud lacks is hidden; everything else stays as the composite draws it. Raise hand
 * and reactions are on (the calling service relays them); the composite draws the reaction button
 * only while the adapter's state carries sprites (lib/calling/reaction-resources.ts), in both clouds.
 */
const LOCAL_CALL_CONTROLS = {
  holdButton: false,
  dtmfDialerButton: false,
  captionsButton: false,
  realTimeTextButton: false,
  teamsMeetingPhoneCallButton: false,
  exitSpotlightButton: false,
} as const;
/**
 * Both clouds: someone without a microphone (none plugged in, or access refused) can still join to
 * listen and watch, as in Teams; the composite otherwise keeps Start disabled until a microphone works.
 */
const JOIN_OPTIONS: CallCompositeOptions = { joinCallOptions: { microphoneCheck: 'skip' } };
const LOCAL_OPTIONS: CallCompositeOptions = {
  ...JOIN_OPTIONS,
  callControls: LOCAL_CALL_CONTROLS,
  spotlight: { hideSpotlightButtons: true },
  surveyOptions: { disableSurvey: true },
};
/** Attendees may not present (the calling service refuses it): no screen share button for them. */
const LOCAL_ATTENDEE_OPTIONS: CallCompositeOptions = {
  ...LOCAL_OPTIONS,
  callControls: { ...LOCAL_CALL_CONTROLS, screenShareButton: false },
};
const AZURE_OPTIONS: CallCompositeOptions = JOIN_OPTIONS;

export function compositeOptions(cloud: CallCloud, isAttendee: boolean): CallCompositeOptions {
  if (cloud !== 'local') return AZURE_OPTIONS;
  return isAttendee ? LOCAL_ATTENDEE_OPTIONS : LOCAL_OPTIONS;
}
