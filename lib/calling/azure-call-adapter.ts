/**
 * The Azure branch's adapter factory, in its own module so it is only loaded (with the UI Library's
 * adapter code and the Calling SDK) when the cloud is `azure`.
 */
import {
  createAzureCommunicationCallAdapter,
  createTeamsCallAdapter,
  type AzureCommunicationCallAdapterArgs,
  type CallAdapter,
  type TeamsCallAdapter,
  type TeamsCallAdapterArgs,
} from '@azure/communication-react';

export function createAzureCallAdapter(args: AzureCommunicationCallAdapterArgs): Promise<CallAdapter> {
  return createAzureCommunicationCallAdapter(args);
}

/** Staff joining as themselves: a Teams user's call runs on the Teams call agent, not the ACS one. */
export function createTeamsUserCallAdapter(args: TeamsCallAdapterArgs): Promise<TeamsCallAdapter> {
  return createTeamsCallAdapter(args);
}
