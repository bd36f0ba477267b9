import { describe, expect, it } from 'vitest';
import { compositeOptions } from '@/components/call/composite-options';
import { callWithChatOptions } from './call-with-chat-options';

describe('callWithChatOptions', () => {
  it("keeps the call composite's hidden buttons and join options for each cloud and role, and leaves chat on", () => {
    const local = compositeOptions('local', true);
    const withChat = callWithChatOptions(local);
    expect(withChat.callControls).toEqual(local.callControls);
    expect(withChat.callControls).toMatchObject({ screenShareButton: false, holdButton: false });
    expect(withChat.joinCallOptions).toEqual({ microphoneCheck: 'skip' });
    expect(withChat.spotlight).toEqual({ hideSpotlightButtons: true });
    expect(withChat.surveyOptions).toEqual({ disableSurvey: true });
    expect(withChat.callControls).not.toHaveProperty('chatButton');
    expect(callWithChatOptions(compositeOptions('azure', false))).toEqual({
      joinCallOptions: { microphoneCheck: 'skip' },
    });
  });

  it("drops only the call bar's own extras", () => {
    expect(
      callWithChatOptions({
        callControls: { participantsButton: false, legacyControlBarExperience: true, cameraButton: false },
      }),
    ).toEqual({ callControls: { cameraButton: false } });
    expect(callWithChatOptions({ callControls: false })).toEqual({ callControls: false });
  });
});
