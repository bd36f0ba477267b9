import { afterEach, describe, expect, it, vi } from 'vitest';
import { installGracefulShutdown, isDraining } from './shutdown';

// What Next's own SIGTERM handler does (drain, then process.exit) is simulated: the signal is
// emitted on this process and Next's final process.exit() call is made by the test.
describe('graceful shutdown', () => {
  afterEach(() => vi.restoreAllMocks());

  it('on SIGTERM reports draining, and closes the database pool before the process exits', async () => {
    const order: string[] = [];
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      order.push(`exit ${code}`);
    }) as typeof process.exit);
    let finishClosing!: () => void;
    const closeDb = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          order.push('closing pool');
          finishClosing = () => {
            order.push('pool closed');
            resolve();
          };
        }),
    );
    const onSignal = vi.fn();
    installGracefulShutdown({ closeDb, onSignal });
    expect(isDraining()).toBe(false);

    process.emit('SIGTERM', 'SIGTERM');
    expect(isDraining()).toBe(true);
    expect(onSignal).toHaveBeenCalledWith('SIGTERM');
    expect(closeDb).not.toHaveBeenCalled(); // requests in flight still use the pool

    process.exit(143); // Next, once in-flight requests have finished
    await vi.waitFor(() => expect(closeDb).toHaveBeenCalledTimes(1));
    expect(exit).not.toHaveBeenCalled();
    finishClosing();
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(143));
    expect(order).toEqual(['closing pool', 'pool closed', 'exit 143']);
  });
});
