import type { CallAdapterState } from '@azure/communication-react';
import { EventEmitter } from 'events';
import { describe, expect, it, vi } from 'vitest';
import type { LocalCallAdapter } from './adapter';
import { NO_LOCAL_EXTRAS } from './brand';
import { createLocalHostControls } from './local-host-controls';
import type { LocalCallExtras } from './store';

/** The members of LocalCallAdapter the controls use, over plain state the test changes. */
function fakeAdapter(extras: Partial<LocalCallExtras>) {
  const events = new EventEmitter();
  let currentExtras: LocalCallExtras = { ...NO_LOCAL_EXTRAS, ...extras };
  let state = { call: { remoteParticipants: {} } } as unknown as CallAdapterState;
  const adapter = {
    getExtras: () => currentExtras,
    getState: () => state,
    onExtrasChange: (h: () => void) => events.on('extras', h),
    offExtrasChange: (h: () => void) => events.off('extras', h),
    onStateChange: (h: () => void) => events.on('state', h),
    offStateChange: (h: () => void) => events.off('state', h),
    admit: vi.fn(() => true),
    reject: vi.fn(() => true),
    removeParticipant: vi.fn(() => Promise.resolve()),
    leaveCall: vi.fn(() => Promise.resolve()),
  };
  return {
    adapter,
    controls: createLocalHostControls(adapter as unknown as LocalCallAdapter),
    setExtras(patch: Partial<LocalCallExtras>) {
      currentExtras = { ...currentExtras, ...patch };
      events.emit('extras');
    },
    setRemote(remote: Record<string, unknown>) {
      state = { call: { remoteParticipants: remote } } as unknown as CallAdapterState;
      events.emit('state');
    },
    listeners: () => events.listenerCount('extras') + events.listenerCount('state'),
  };
}

describe('local host controls', () => {
  it('shows the extras and the connected people, with a stable view between changes', () => {
    const lobby = [{ id: 'p-1', identity: '8:acs:g', displayName: 'Gina', external: true }];
    const fake = fakeAdapter({ role: 'organizer', isHost: true, connection: 'connected', lobby });
    const seen = vi.fn();
    const unsubscribe = fake.controls.subscribe(seen);
    fake.setRemote({
      '8:acs:g2': { state: 'Connected', displayName: 'Grace', identifier: { kind: 'communicationUser' } },
      '8:orgid:s': { state: 'Connecting', displayName: 'Sam', identifier: { kind: 'microsoftTeamsUser' } },
    });
    const view = fake.controls.getView();
    expect(view).toMatchObject({ role: 'organizer', isHost: true, connection: 'connected', lobby });
    expect(view.participants).toEqual([{ id: '8:acs:g2', displayName: 'Grace', external: true, removable: true }]);
    expect(fake.controls.getView()).toBe(view);
    fake.setExtras({ connection: 'reconnecting' });
    expect(fake.controls.getView().connection).toBe('reconnecting');
    expect(seen).toHaveBeenCalledTimes(2);
    unsubscribe();
    expect(fake.listeners()).toBe(0);
  });

  it("passes the actions to the adapter's own (which refuse non-hosts)", async () => {
    const fake = fakeAdapter({ isHost: true, connection: 'connected' });
    expect(fake.controls.admit(['p-1'])).toBe(true);
    expect(fake.adapter.admit).toHaveBeenCalledWith(['p-1']);
    fake.controls.reject('p-2');
    expect(fake.adapter.reject).toHaveBeenCalledWith('p-2');
    await fake.controls.remove('8:acs:g2');
    expect(fake.adapter.removeParticipant).toHaveBeenCalledWith('8:acs:g2');
    await fake.controls.endForEveryone();
    expect(fake.adapter.leaveCall).toHaveBeenCalledWith(true);
  });
});
