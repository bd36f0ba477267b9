/**
 * The Azure branch's adapter factory, in its own module so it is only loaded (with the UI Library's
 * adapter code and the Calling SDK) when the cloud is `azure`.
 */
import {
  createAzureCommunicationCallAdapter,
  type AzureCommunicationCallAdapterArgs,
  type CallAdapter,
} from '@azure/communication-react';

export function createAzureCallAdapter(args: AzureCommunicationCallAdapterArgs): Promise<CallAdapter> {
  return createAzureCommunicationCallAdapter(args);
}
