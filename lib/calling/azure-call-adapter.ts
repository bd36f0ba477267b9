/**
 * The Azure branch's adapter factories and token credential, in their own module so they are only
 * loaded when the cloud is `azure`. Imported by name: `@azure/communication-react` is marked free of
 * side effects, so the bundler keeps only these factories' code; a whole-package `import()` would
 * also bring the chat half and the calling-effects WASM. The package exports no narrower entry point
 * (its `exports` map has only `.` and `./javascript-loaders`).
 */
import {
  AzureCommunicationTokenCredential,
  type CommunicationTokenCredential,
  type CommunicationTokenRefreshOptions,
} from '@azure/communication-common';
import {
  createAzureCommunicationCallAdapter,
  createStatefulCallClient,
  createTeamsCallAdapterFromClient,
  type AzureCommunicationCallAdapterArgs,
  type CallAdapter,
  type TeamsCallAdapter,
  type TeamsCallAdapterArgs,
} from '@azure/communication-react';
import { recordTeamsCallAgent } from './azure-host-controls';
import { withReactions } from './reaction-resources';

export function createAzureCallAdapter(args: AzureCommunicationCallAdapterArgs): Promise<CallAdapter> {
  return createAzureCommunicationCallAdapter(withReactions(args));
}

/**
 * Staff joining as themselves: a Teams user's call runs on the Teams call agent, not the ACS one.
 * Built from its parts (what `createTeamsCallAdapter` does inside) so the host's lobby panel can
 * reach the agent's call: the adapter has no lobby actions (azure-host-controls.ts).
 */
export async function createTeamsUserCallAdapter(args: TeamsCallAdapterArgs): Promise<TeamsCallAdapter> {
  const callClient = createStatefulCallClient({ userId: args.userId });
  const callAgent = await callClient.createTeamsCallAgent(args.credential);
  let adapter: TeamsCallAdapter;
  try {
    adapter = await createTeamsCallAdapterFromClient(callClient, callAgent, args.locator, withReactions(args).options);
  } catch (error) {
    // The adapter disposes the agent it was given; one that never got an adapter is disposed here.
    await callAgent.dispose();
    throw error;
  }
  recordTeamsCallAgent(adapter, callAgent);
  return adapter;
}

/** One credential per call, renewing its token by itself (see create-call-adapter.ts). */
export function createTokenCredential(options: CommunicationTokenRefreshOptions): CommunicationTokenCredential {
  return new AzureCommunicationTokenCredential(options);
}
