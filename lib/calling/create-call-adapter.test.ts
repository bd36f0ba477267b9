import type { CommunicationTokenRefreshOptions } from '@azure/communication-common';
import type {
  AzureCommunicationCallAdapterArgs,
  CallAdapter,
  TeamsCallAdapter,
  TeamsCallAdapterArgs,
} from '@azure/communication-react';
import { describe, expect, it, vi } from 'vitest';
import {
  createCallAdapter,
  tokenExpiry,
  tokenSource,
  type CallAdapterFactories,
  type CreateCallAdapterArgs,
} from './create-call-adapter';
import type { LocalCallAdapterOptions } from './local/adapter';

/** An unsigned JWT with the given payload (only `exp` is ever read from it). */
function jwt(payload: Record<string, unknown>): string {
  const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(payload)}.c2lnbmF0dXJl`;
}

const GUEST = '8:acs:3d528259-bc30-4a23-9213-a5b6acf2590e_00000000-0000-0000-0000-000000000001';
const STAFF_OID = '6e2f6b5a-3c1d-4f0e-9a1b-2c3d4e5f6a01';
const STAFF = `8:orgid:${STAFF_OID}`;
const LINK = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0';

function fakes() {
  const made = {
    local: [] as LocalCallAdapterOptions[],
    azure: [] as AzureCommunicationCallAdapterArgs[],
    teams: [] as TeamsCallAdapterArgs[],
  };
  const credentials: CommunicationTokenRefreshOptions[] = [];
  const adapter = { dispose() {} } as unknown as CallAdapter;
  const teamsAdapter = { dispose() {} } as unknown as TeamsCallAdapter;
  const factories: CallAdapterFactories = {
    local: (options) => {
      made.local.push(options);
      return adapter;
    },
    azure: (args) => {
      made.azure.push(args);
      return Promise.resolve(adapter);
    },
    teams: (args) => {
      made.teams.push(args);
      return Promise.resolve(teamsAdapter);
    },
    credential: (options) => {
      credentials.push(options);
      return { getToken: () => Promise.resolve({ token: options.token ?? '', expiresOnTimestamp: 0 }), dispose() {} };
    },
  };
  return { made, credentials, adapter, teamsAdapter, factories };
}

const base = (over: Partial<CreateCallAdapterArgs> = {}): CreateCallAdapterArgs => ({
  cloud: 'local',
  callingUrl: 'ws://localhost:4010/calling',
  userId: GUEST,
  displayName: 'Gina Guest',
  token: jwt({ exp: Math.floor(Date.now() / 1000) + 3600 }),
  locator: { meetingLink: LINK },
  tokenRefresher: () => Promise.resolve('refreshed'),
  ...over,
});

describe('createCallAdapter', () => {
  it('local: a join link becomes the calling service joinUrl, meeting ID + passcode stay as they are', async () => {
    const f = fakes();
    expect(await createCallAdapter(base(), f.factories)).toBe(f.adapter);
    await createCallAdapter(base({ locator: { meetingId: '123456789012', passcode: 'aB3dE6' } }), f.factories);
    expect(f.made.local.map((o) => o.meeting)).toEqual([
      { joinUrl: LINK },
      { meetingId: '123456789012', passcode: 'aB3dE6' },
    ]);
    expect(f.made.local[0]).toMatchObject({
      callingUrl: 'ws://localhost:4010/calling',
      userId: GUEST,
      displayName: 'Gina Guest',
    });
    expect(f.made.azure).toEqual([]);
  });

  it('local: the token given is used until it nears expiry', async () => {
    const f = fakes();
    const token = jwt({ exp: Math.floor(Date.now() / 1000) + 3600 });
    await createCallAdapter(base({ token }), f.factories);
    expect(await f.made.local[0]!.getToken()).toBe(token);
  });

  it('local: refuses to start without the calling service URL', async () => {
    const f = fakes();
    await expect(createCallAdapter(base({ callingUrl: undefined }), f.factories)).rejects.toThrow(/callingUrl/);
  });

  it('azure: an ACS user with one proactively refreshed credential and the same locator', async () => {
    const f = fakes();
    const refresher = vi.fn(() => Promise.resolve('fresh'));
    await createCallAdapter(base({ cloud: 'azure', tokenRefresher: refresher, token: 't0' }), f.factories);
    expect(f.credentials).toEqual([{ token: 't0', tokenRefresher: refresher, refreshProactively: true }]);
    expect(f.made.azure).toHaveLength(1);
    expect(f.made.azure[0]).toMatchObject({
      userId: { communicationUserId: GUEST },
      displayName: 'Gina Guest',
      locator: { meetingLink: LINK },
    });
    await createCallAdapter(
      base({ cloud: 'azure', locator: { meetingId: '123456789012', passcode: 'aB3dE6' } }),
      f.factories,
    );
    expect(f.made.azure[1]!.locator).toEqual({ meetingId: '123456789012', passcode: 'aB3dE6' });
    expect(f.made.local).toEqual([]);
  });

  it('azure: disposing the adapter disposes its credential once (no refresh timer outlives the call)', async () => {
    const disposed: string[] = [];
    const f = fakes();
    const factories: CallAdapterFactories = {
      ...f.factories,
      azure: () => Promise.resolve({ dispose: () => disposed.push('adapter') } as unknown as CallAdapter),
      credential: (options) => ({
        getToken: () => Promise.resolve({ token: options.token ?? '', expiresOnTimestamp: 0 }),
        dispose: () => disposed.push('credential'),
      }),
    };
    const adapter = await createCallAdapter(base({ cloud: 'azure' }), factories);
    expect(disposed).toEqual([]);
    adapter.dispose();
    adapter.dispose();
    expect(disposed).toEqual(['adapter', 'credential', 'adapter']);
  });

  it('azure: a failed adapter creation disposes the credential it was given', async () => {
    const disposed: string[] = [];
    const f = fakes();
    const factories: CallAdapterFactories = {
      ...f.factories,
      azure: () => Promise.reject(new Error('no calling')),
      credential: (options) => ({
        getToken: () => Promise.resolve({ token: options.token ?? '', expiresOnTimestamp: 0 }),
        dispose: () => disposed.push('credential'),
      }),
    };
    await expect(createCallAdapter(base({ cloud: 'azure' }), factories)).rejects.toThrow('no calling');
    expect(disposed).toEqual(['credential']);
  });

  it('azure: a Teams user (staff) joins through the Teams call adapter with one refreshed credential', async () => {
    const f = fakes();
    const refresher = vi.fn(() => Promise.resolve('fresh'));
    const made = await createCallAdapter(
      base({ cloud: 'azure', userId: STAFF, token: 'teams-t0', tokenRefresher: refresher }),
      f.factories,
    );
    expect(made).toBe(f.teamsAdapter);
    expect(f.credentials).toEqual([{ token: 'teams-t0', tokenRefresher: refresher, refreshProactively: true }]);
    expect(f.made.teams).toHaveLength(1);
    const args = f.made.teams[0]!;
    // The Teams adapter takes the identifier (public cloud), the credential and the locator; no display name.
    expect(args.userId).toMatchObject({ microsoftTeamsUserId: STAFF_OID, cloud: 'public' });
    expect(args.locator).toEqual({ meetingLink: LINK });
    expect(await args.credential.getToken()).toMatchObject({ token: 'teams-t0' });
    expect(Object.keys(args).sort()).toEqual(['credential', 'locator', 'userId']);
    await createCallAdapter(
      base({ cloud: 'azure', userId: STAFF, locator: { meetingId: '123456789012', passcode: 'aB3dE6' } }),
      f.factories,
    );
    expect(f.made.teams[1]!.locator).toEqual({ meetingId: '123456789012', passcode: 'aB3dE6' });
    expect(f.made.azure).toEqual([]);
    expect(f.made.local).toEqual([]);
  });

  it('azure: the Teams adapter also disposes its credential with it', async () => {
    const disposed: string[] = [];
    const f = fakes();
    const factories: CallAdapterFactories = {
      ...f.factories,
      teams: () => Promise.resolve({ dispose: () => disposed.push('adapter') } as unknown as TeamsCallAdapter),
      credential: (options) => ({
        getToken: () => Promise.resolve({ token: options.token ?? '', expiresOnTimestamp: 0 }),
        dispose: () => disposed.push('credential'),
      }),
    };
    const adapter = await createCallAdapter(base({ cloud: 'azure', userId: STAFF }), factories);
    adapter.dispose();
    expect(disposed).toEqual(['adapter', 'credential']);
  });

  it('local: a Teams user (staff) joins through the local adapter as themselves', async () => {
    const f = fakes();
    await createCallAdapter(base({ userId: STAFF, displayName: 'Olga Organizer' }), f.factories);
    expect(f.made.local[0]).toMatchObject({ userId: STAFF, displayName: 'Olga Organizer' });
    expect(f.made.teams).toEqual([]);
  });

  it('azure: refuses identities that cannot join a meeting from the browser (phone numbers)', async () => {
    const f = fakes();
    await expect(createCallAdapter(base({ cloud: 'azure', userId: '4:+15551234567' }), f.factories)).rejects.toThrow(
      /ACS user .* or a Teams user/,
    );
    expect([...f.made.azure, ...f.made.teams, ...f.credentials]).toEqual([]);
  });
});

describe('tokenExpiry', () => {
  it('reads exp from a JWT payload (base64url)', () => {
    expect(tokenExpiry(jwt({ exp: 1_900_000_000, note: '~~~???>>>' }))).toBe(1_900_000_000);
  });

  it.each([
    ['not a JWT', 'opaque-token'],
    ['no exp', jwt({ sub: 'x' })],
    ['exp not a number', jwt({ exp: '1900000000' })],
    ['payload not JSON', 'a.bm90IGpzb24.c'],
  ])('undefined when %s', (_case, token) => {
    expect(tokenExpiry(token)).toBeUndefined();
  });
});

describe('tokenSource', () => {
  const NOW_S = 1_800_000_000;
  const now = () => NOW_S * 1000;

  it('keeps a token with more than two minutes left and does not call the refresher', async () => {
    const refresher = vi.fn(() => Promise.resolve('fresh'));
    const initial = jwt({ exp: NOW_S + 121 });
    const get = tokenSource(initial, refresher, now);
    expect(await get()).toBe(initial);
    expect(refresher).not.toHaveBeenCalled();
  });

  it('refreshes a token within two minutes of expiry (or expired) and then uses the new one', async () => {
    const fresh = jwt({ exp: NOW_S + 3600 });
    const refresher = vi.fn(() => Promise.resolve(fresh));
    const get = tokenSource(jwt({ exp: NOW_S + 120 }), refresher, now);
    expect(await get()).toBe(fresh);
    expect(await get()).toBe(fresh);
    expect(refresher).toHaveBeenCalledTimes(1);
  });

  it('passes a refresh failure on to the join that asked (the signalling retries within its grace)', async () => {
    const get = tokenSource(jwt({ exp: NOW_S - 1 }), () => Promise.reject(new Error('403')), now);
    await expect(get()).rejects.toThrow('403');
  });

  it('never refreshes a token it cannot read an expiry from', async () => {
    const refresher = vi.fn(() => Promise.resolve('fresh'));
    expect(await tokenSource('opaque', refresher, now)()).toBe('opaque');
    expect(refresher).not.toHaveBeenCalled();
  });
});
