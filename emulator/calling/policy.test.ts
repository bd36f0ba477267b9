import { describe, expect, it } from 'vitest';

import { bypassesLobby, mayEndForEveryone, mayManageLobby, roleFor, screenShareRefusal } from './policy';

const staff = '8:orgid:6e2f6b5a-3c1d-4f0e-9a1b-2c3d4e5f6a02';
const guest = '8:acs:3d528259-bc30-4a23-9213-a5b6acf2590e_00000000-0000-0000-0000-000000000001';

describe('calling policy', () => {
  it('lets people bypass the lobby as Teams does for each lobby scope', () => {
    expect(bypassesLobby('everyone', guest, false)).toBe(true);
    for (const scope of [
      'organization',
      'organizationAndFederated',
      'organizationExcludingGuests',
      'invited',
    ] as const) {
      expect(bypassesLobby(scope, staff, false)).toBe(true);
      expect(bypassesLobby(scope, guest, false)).toBe(false);
    }
    expect(bypassesLobby('organizer', staff, false)).toBe(false);
    expect(bypassesLobby('organizer', staff, true)).toBe(true);
  });

  it('gives roles from allowedPresenters: guests present by default, only the organizer under `organizer`', () => {
    expect(roleFor('everyone', staff, true)).toBe('organizer');
    expect(roleFor('everyone', guest, false)).toBe('presenter');
    expect(roleFor('organization', staff, false)).toBe('presenter');
    expect(roleFor('organization', guest, false)).toBe('attendee');
    expect(roleFor('organizer', staff, false)).toBe('attendee');
  });

  it('lets only Connected presenters of the organization manage the lobby, never an external presenter', () => {
    expect(mayManageLobby({ role: 'organizer', external: false, state: 'Connected' })).toBe(true);
    expect(mayManageLobby({ role: 'presenter', external: false, state: 'Connected' })).toBe(true);
    expect(mayManageLobby({ role: 'presenter', external: true, state: 'Connected' })).toBe(false);
    expect(mayManageLobby({ role: 'attendee', external: false, state: 'Connected' })).toBe(false);
    // A guest (an external attendee) never admits, denies or removes anyone.
    expect(mayManageLobby({ role: 'attendee', external: true, state: 'Connected' })).toBe(false);
    expect(mayManageLobby({ role: 'organizer', external: false, state: 'InLobby' })).toBe(false);
  });

  it('lets only the Connected organizer end the meeting for everyone', () => {
    expect(mayEndForEveryone({ role: 'organizer', state: 'Connected' })).toBe(true);
    expect(mayEndForEveryone({ role: 'presenter', state: 'Connected' })).toBe(false);
    expect(mayEndForEveryone({ role: 'organizer', state: 'InLobby' })).toBe(false);
  });

  it('refuses screen sharing from the lobby and from attendees', () => {
    expect(screenShareRefusal({ role: 'presenter', state: 'Connected' })).toBeUndefined();
    expect(screenShareRefusal({ role: 'presenter', state: 'InLobby' })).toBe('not_connected');
    expect(screenShareRefusal({ role: 'attendee', state: 'Connected' })).toBe('not_allowed');
  });
});
