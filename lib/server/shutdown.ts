import 'server-only';
import { processSingleton } from '@/lib/server/process-singleton';

/**
 * Graceful shutdown on SIGTERM (docker stop, a Container Apps revision scaling in) and SIGINT.
 *
 * Next's own server already does the first half: on these signals it stops accepting connections,
 * lets in-flight requests finish (Node 20's server.close() also drops idle keep-alive sockets), and
 * then calls process.exit(). What it cannot know is Vestibule's database pool, so this hooks in at
 * both ends: readiness reports "draining" from the first moment (a load balancer probing an open
 * connection stops sending work here), and the exit Next asks for waits until the pool has closed,
 * so PostgreSQL sees every connection end cleanly rather than a process vanish mid-conversation.
 */
const state = processSingleton('shutdown', () => ({ draining: false, installed: false }));

/** Upper bound on closing the pool, well inside the 30 s a platform waits before SIGKILL. */
const CLOSE_TIMEOUT_MS = 5000;

export function isDraining(): boolean {
  return state.draining;
}

export function installGracefulShutdown(deps: {
  closeDb: () => Promise<void>;
  onSignal: (signal: NodeJS.Signals) => void;
}): void {
  if (state.installed) return;
  state.installed = true;
  const begin = (signal: NodeJS.Signals) => {
    if (state.draining) return;
    state.draining = true;
    deps.onSignal(signal);
    const exit = process.exit.bind(process);
    // Next's handler ends with process.exit() once requests have drained; close the pool first.
    process.exit = ((code?: number) => {
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
      void Promise.race([deps.closeDb().catch(() => undefined), timeout]).finally(() => exit(code));
    }) as typeof process.exit;
  };
  process.once('SIGTERM', begin);
  process.once('SIGINT', begin);
}
