import 'server-only';

/** Graph's `onlineMeeting.allowMeetingChat`; `unknownFutureValue` and anything newer are not listed. */
export type MeetingChatMode = 'enabled' | 'disabled' | 'limited';

/**
 * Whether a guest in the call may have the meeting's chat. `limited` is Teams' "during the meeting
 * only": Vestibule's guests only ever have chat while in the call (the composite shows it there and
 * external users lose the thread when they leave), so it counts as allowed. Anything else — disabled,
 * a value Graph adds later, or a share recorded before Vestibule read the setting (null) — grants no
 * chat: a scope is added only when the meeting is known to allow it.
 */
export function meetingAllowsGuestChat(mode: string | null | undefined): boolean {
  return mode === 'enabled' || mode === 'limited';
}

/** Graph's value as Vestibule stores it: one of the known modes, or null. */
export function meetingChatMode(value: unknown): MeetingChatMode | null {
  return value === 'enabled' || value === 'disabled' || value === 'limited' ? value : null;
}
