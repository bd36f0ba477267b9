/**
 * One factory for the call page: picks the adapter by cloud, so nothing else branches on it.
 *
 * - `azure`: one `AzureCommunicationTokenCredential` (`refreshProactively`, so the token is renewed
 *   about 10 minutes before it expires), then by identity: an ACS user (`8:acs:…`, guests) through
 *   `createAzureCommunicationCallAdapter`; a Teams user (`8:orgid:…`, staff joining as themselves with
 *   a token from `getTokenForTeamsUser`) through `createTeamsCallAdapter`, since the Azure call adapter
 *   only takes ACS users and a Teams user's call needs the Teams call agent.
 * - `local`: `LocalCallAdapter` (browser WebRTC mesh signalled by the emulator at `callingUrl`).
 *
 * Browser-only: call it from a 'use client' module loaded with `next/dynamic(..., { ssr: false })`.
 * The Azure adapters and the token credential are imported lazily (by name, from `azure-call-adapter.ts`),
 * so local mode never loads them. (The Calling SDK itself still comes with the composite: the UI
 * Library imports it statically.)
 */
import {
  createIdentifierFromRawId,
  isCommunicationUserIdentifier,
  isMicrosoftTeamsUserIdentifier,
  type CommunicationTokenCredential,
  type CommunicationTokenRefreshOptions,
} from '@azure/communication-common';
import type {
  AzureCommunicationCallAdapterArgs,
  CallAdapter,
  CommonCallAdapter,
  TeamsCallAdapter,
  TeamsCallAdapterArgs,
} from '@azure/communication-react';
import type { LocalCallAdapterOptions } from './local/adapter';

export type CallCloud = 'local' | 'azure';

/** A Teams meeting by join link, or by meeting ID and passcode. */
export type CallLocator = { meetingLink: string } | { meetingId: string; passcode: string };

export interface CreateCallAdapterArgs {
  cloud: CallCloud;
  /** The raw identifier: `8:acs:…` (ACS user, guests) or `8:orgid:…` (Teams user, staff). */
  userId: string;
  displayName: string;
  token: string;
  locator: CallLocator;
  /** Local mode: the emulator's calling service, e.g. `ws://localhost:4010/calling`. */
  callingUrl?: string;
  /** Returns a fresh token for the same identity. */
  tokenRefresher: () => Promise<string>;
  /** Local mode only; none are needed between browsers on one machine. */
  iceServers?: RTCIceServer[];
}

/**
 * How each cloud's adapter is built. The defaults import lazily (local mode never loads the Calling
 * SDK); tests pass their own to see exactly what each branch is given.
 */
export interface CallAdapterFactories {
  local(options: LocalCallAdapterOptions): CallAdapter | Promise<CallAdapter>;
  azure(args: AzureCommunicationCallAdapterArgs): Promise<CallAdapter>;
  teams(args: TeamsCallAdapterArgs): Promise<TeamsCallAdapter>;
  credential(
    options: CommunicationTokenRefreshOptions,
  ): CommunicationTokenCredential | Promise<CommunicationTokenCredential>;
}

const DEFAULT_FACTORIES: CallAdapterFactories = {
  async local(options) {
    const { LocalCallAdapter } = await import('./local/adapter');
    return new LocalCallAdapter(options);
  },
  async azure(args) {
    const { createAzureCallAdapter } = await import('./azure-call-adapter');
    return createAzureCallAdapter(args);
  },
  async teams(args) {
    const { createTeamsUserCallAdapter } = await import('./azure-call-adapter');
    return createTeamsUserCallAdapter(args);
  },
  // In the Azure module too: the credential brings a JWT decoder and a refresh scheduler local mode has no use for.
  async credential(options) {
    const { createTokenCredential } = await import('./azure-call-adapter');
    return createTokenCredential(options);
  },
};

export async function createCallAdapter(
  args: CreateCallAdapterArgs,
  factories: CallAdapterFactories = DEFAULT_FACTORIES,
): Promise<CommonCallAdapter> {
  if (args.cloud === 'local') {
    if (!args.callingUrl) throw new Error('Local mode needs the calling service URL (callingUrl).');
    return factories.local({
      callingUrl: args.callingUrl,
      userId: args.userId,
      displayName: args.displayName,
      meeting:
        'meetingLink' in args.locator
          ? { joinUrl: args.locator.meetingLink }
          : { meetingId: args.locator.meetingId, passcode: args.locator.passcode },
      getToken: tokenSource(args.token, args.tokenRefresher),
      ...(args.iceServers ? { iceServers: args.iceServers } : {}),
    });
  }
  const identifier = createIdentifierFromRawId(args.userId);
  const isTeamsUser = isMicrosoftTeamsUserIdentifier(identifier);
  if (!isTeamsUser && !isCommunicationUserIdentifier(identifier)) {
    throw new Error('In Azure mode a call joins as an ACS user (8:acs:…) or a Teams user (8:orgid:…).');
  }
  const locator =
    'meetingLink' in args.locator
      ? { meetingLink: args.locator.meetingLink }
      : { meetingId: args.locator.meetingId, passcode: args.locator.passcode };
  // One credential per adapter, renewed by itself about 10 minutes before the token expires.
  const credential = await factories.credential({
    token: args.token,
    tokenRefresher: args.tokenRefresher,
    refreshProactively: true,
  });
  let adapter: CommonCallAdapter;
  try {
    // A Teams user's display name is their Entra profile's: the Teams adapter takes none.
    adapter = isTeamsUser
      ? await factories.teams({ userId: identifier, credential, locator })
      : await factories.azure({ userId: identifier, displayName: args.displayName, credential, locator });
  } catch (error) {
    credential.dispose();
    throw error;
  }
  // The UI Library's adapters do not own the credential (their dispose leaves it alone), and a
  // proactive credential keeps a refresh timer: without this, a left call would go on asking the
  // token route for tokens, and a revoked share would log refusals, until the tab closes.
  const disposeAdapter = adapter.dispose.bind(adapter);
  let disposed = false;
  adapter.dispose = () => {
    disposeAdapter();
    if (disposed) return;
    disposed = true;
    credential.dispose();
  };
  return adapter;
}

/** Seconds before expiry at which the local adapter fetches a new token for a (re)join. */
const REFRESH_MARGIN_S = 120;

/** Reads `exp` from a JWT without verifying it (only to decide when to refresh); undefined if not a JWT. */
export function tokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp : undefined;
  } catch {
    return undefined;
  }
}

/** The current token, refreshed through `tokenRefresher` when it is about to expire. */
export function tokenSource(
  initial: string,
  tokenRefresher: () => Promise<string>,
  now: () => number = Date.now,
): () => Promise<string> {
  let token = initial;
  return async () => {
    const exp = tokenExpiry(token);
    if (exp !== undefined && exp - REFRESH_MARGIN_S <= now() / 1000) token = await tokenRefresher();
    return token;
  };
}
