/**
 * The `CallWithChatComposite`'s options from the `CallComposite`'s (components/call/composite-options.ts),
 * so both composites hide and show the same things for a cloud and role: the call-with-chat options
 * are the call options' shared subset, and its control bar options the common call controls plus
 * the chat button (left on: it is why this composite is shown).
 */
import type {
  CallCompositeOptions,
  CallWithChatCompositeOptions,
  CallWithChatControlOptions,
} from '@azure/communication-react';

export function callWithChatOptions(options: CallCompositeOptions): CallWithChatCompositeOptions {
  const { callControls, localVideoTile, galleryOptions, surveyOptions, spotlight, joinCallOptions, branding } = options;
  let controls: boolean | CallWithChatControlOptions | undefined;
  if (typeof callControls === 'object') {
    // The two bars share CommonCallControlOptions; the call bar's own extras (its participants
    // button and legacy bar switch) do not exist on the call-with-chat bar and are left out.
    const { participantsButton: _p, legacyControlBarExperience: _l, ...common } = callControls;
    controls = common;
  } else {
    controls = callControls;
  }
  return {
    ...(controls !== undefined ? { callControls: controls } : {}),
    ...(localVideoTile !== undefined ? { localVideoTile } : {}),
    ...(galleryOptions ? { galleryOptions } : {}),
    ...(surveyOptions ? { surveyOptions } : {}),
    ...(spotlight ? { spotlight } : {}),
    ...(joinCallOptions ? { joinCallOptions } : {}),
    ...(branding ? { branding } : {}),
  };
}
