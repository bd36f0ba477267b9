/**
 * Errors the local adapter raises, shaped like the UI Library's `AdapterError` (`target`,
 * `innerError`, `timestamp`) so app code handles both clouds alike.
 */
import type { AdapterError } from '@azure/communication-react';

export class LocalAdapterError extends Error implements AdapterError {
  readonly target: string;
  readonly innerError: Error;
  readonly timestamp = new Date();

  constructor(target: string, message: string, innerError?: unknown) {
    super(message);
    this.name = 'LocalAdapterError';
    this.target = target;
    this.innerError =
      innerError instanceof Error ? innerError : new Error(typeof innerError === 'string' ? innerError : message);
  }
}

/** For features the local (emulated) cloud does not have; their buttons are hidden in local mode. */
export class UnsupportedInLocalModeError extends LocalAdapterError {
  constructor(operation: string) {
    super(
      `Call.${operation}`,
      `"${operation}" is not available in local mode: the emulator's calling service does not implement it. It works with Azure Communication Services.`,
    );
    this.name = 'UnsupportedInLocalModeError';
  }
}
