import { describe, expect, it } from 'vitest';
import type { ClientMessage } from '@/lib/contracts/calling-protocol';
import { HostActions, mayActOnLobby } from './host-actions';
import { Roster } from './roster';
import { AdapterStore } from './store';

function actions(extras: { isHost: boolean }) {
  const store = new AdapterStore({ userId: '8:acs:r_me', displayName: 'Me' });
  store.setExtras({ connection: 'connected', ...extras });
  const sent: ClientMessage[] = [];
  const host = new HostActions(store, new Roster(), (m) => {
    sent.push(m);
    return true;
  });
  return { store, sent, host };
}

describe('who acts on the lobby', () => {
  it('is the organization’s organizers and presenters, never an attendee or an external presenter', () => {
    expect(mayActOnLobby({ role: 'organizer', external: false })).toBe(true);
    expect(mayActOnLobby({ role: 'presenter', external: false })).toBe(true);
    expect(mayActOnLobby({ role: 'attendee', external: false })).toBe(false);
    // Guests present by default in Teams, but presenting is not managing the lobby.
    expect(mayActOnLobby({ role: 'presenter', external: true })).toBe(false);
  });

  it('refuses a guest’s admit, deny and remove without sending anything, and says why', () => {
    const { store, sent, host } = actions({ isHost: false });
    expect(host.admit(['p1'])).toBe(false);
    expect(host.admit('all')).toBe(false);
    expect(host.reject('p1')).toBe(false);
    expect(host.remove('p1')).toBe(false);
    expect(sent).toEqual([]);
    expect(store.extras.notice?.message).toContain('Only the meeting’s organizers and presenters');
  });

  it('sends a host’s admit to the calling service', () => {
    const { sent, host } = actions({ isHost: true });
    expect(host.admit(['p1'])).toBe(true);
    expect(sent).toEqual([{ type: 'lobby.admit', participantIds: ['p1'] }]);
  });
});
