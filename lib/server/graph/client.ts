import 'server-only';
import {
  Client,
  GraphError,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { getConfig } from '@/lib/config.js';
import { AppError } from '@/lib/server/errors';

/** Graph asks to wait; inside a page request we wait only this long before telling the person. */
const MAX_INLINE_RETRY_SECONDS = 2;

/** How long one Graph call (with its one retry) may take before the person is told Graph is not answering. */
export const GRAPH_DEADLINE_MS = 10_000;

/**
 * A Microsoft Graph client (the official SDK) that calls Graph with the given token source. The
 * base URL comes from config: Graph itself in azure mode, the emulator's Graph in local mode.
 * Every call has a deadline (`deadlineMs`): the SDK itself waits as long as the socket stays open.
 */
export function graphClient(getAccessToken: () => Promise<string>, options: { deadlineMs?: number } = {}): Client {
  const { graph } = getConfig();
  const retry = new RetryHandler(
    new RetryHandlerOptions(1, 1, (_delay, _attempt, _request, _options, response) => {
      // Retry a throttled or briefly unavailable Graph once, and only when it asks for a short wait;
      // longer waits go back to the person as "try again in N seconds".
      const after = Number(response.headers.get('Retry-After') ?? '1');
      return Number.isFinite(after) && after <= MAX_INLINE_RETRY_SECONDS;
    }),
  );
  return Client.initWithMiddleware({
    middleware: [
      new Deadline(options.deadlineMs ?? GRAPH_DEADLINE_MS),
      new BearerToken(getAccessToken),
      retry,
      new HTTPMessageHandler(),
    ],
    baseUrl: `${graph.baseUrl}/`,
    defaultVersion: graph.version,
  });
}

/**
 * Gives the whole call (token, request, retry, response body) one abort deadline. The SDK's fetch
 * passes `context.options` as the fetch init, whose `signal` wins over the request's own.
 */
class Deadline implements Middleware {
  private next?: Middleware;
  constructor(private readonly ms: number) {}

  async execute(context: Context): Promise<void> {
    const options = (context.options ??= {});
    const deadline = AbortSignal.timeout(this.ms);
    options.signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Adds the bearer token to every request. The SDK's own AuthenticationHandler attaches tokens only
 * to Microsoft's https Graph hosts, so it would send none to the emulator; this sends it to the one
 * configured Graph, which is the only host this client ever calls.
 */
class BearerToken implements Middleware {
  private next?: Middleware;
  constructor(private readonly getAccessToken: () => Promise<string>) {}

  async execute(context: Context): Promise<void> {
    const value = `Bearer ${await this.getAccessToken()}`;
    if (context.request instanceof Request) {
      context.request.headers.set('Authorization', value);
    } else {
      const options = (context.options ??= {});
      if (options.headers instanceof Headers) options.headers.set('Authorization', value);
      else options.headers = { ...(options.headers as Record<string, string> | undefined), Authorization: value };
    }
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Turns what Graph (or the network) said into a refusal a person understands. `notFound` is the
 * message for a 404, which means different things depending on what was asked.
 */
export function graphFailure(error: unknown, notFound = 'Microsoft Graph has no such item.'): AppError {
  if (error instanceof AppError) return error;
  if (isTimeout(error)) {
    return new AppError('upstream_unavailable', 'Microsoft Graph did not answer in time. Try again in a moment.', {
      cause: error,
    });
  }
  if (error instanceof GraphError) {
    const status = error.statusCode;
    if (status === 401)
      return new AppError('unauthenticated', 'Your Microsoft sign-in has ended. Sign in again to continue.', {
        cause: error,
      });
    if (status === 403) {
      return new AppError(
        'forbidden',
        'Microsoft Graph refused access. Your account or the Vestibule app may lack a permission; ask your administrator.',
        { cause: error },
      );
    }
    if (status === 404) return new AppError('not_found', notFound, { cause: error });
    if (status === 400)
      return new AppError('bad_request', 'Microsoft Graph could not understand the request.', { cause: error });
    if (status === 429) {
      const after = Number(error.headers?.get('Retry-After') ?? '30');
      return new AppError('upstream_throttled', `Microsoft Graph is busy. Try again in ${Math.ceil(after)} seconds.`, {
        retryAfterSeconds: Number.isFinite(after) ? after : 30,
        cause: error,
      });
    }
    if (status >= 500)
      return new AppError(
        'upstream_unavailable',
        'Microsoft Graph is not answering right now. Try again in a moment.',
        { cause: error },
      );
  }
  // Network failures (the SDK wraps them with statusCode -1 or throws a TypeError from fetch).
  return new AppError('upstream_unavailable', 'Microsoft Graph could not be reached. Try again in a moment.', {
    cause: error,
  });
}

/** The deadline's abort, however the SDK passed it on (as is, or wrapped in a GraphError named after it). */
function isTimeout(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown; cause?: { name?: unknown } } | null;
  return e?.name === 'TimeoutError' || e?.code === 'TimeoutError' || e?.cause?.name === 'TimeoutError';
}
