import type { Participant } from '@/lib/contracts/calling-protocol';

/**
 * A protocol participant for tests: a connected external guest with everything off. Tests override
 * only what their case is about, so what matters stands out.
 */
export function participant(over: Partial<Participant> = {}): Participant {
  return {
    id: 'p-b',
    identity: '8:acs:res_b',
    displayName: 'Bea',
    role: 'attendee',
    external: true,
    state: 'Connected',
    muted: false,
    cameraOn: false,
    screenSharing: false,
    speaking: false,
    handRaised: false,
    reconnecting: false,
    ...over,
  };
}
