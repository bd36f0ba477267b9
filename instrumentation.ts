/**
 * Runs once when the Next.js server starts (standalone server and `next start` alike):
 * 1. tracing, if OTEL_EXPORTER_OTLP_ENDPOINT is set, before anything else so every request is traced;
 * 2. the database, migrated before the first request, so an unreachable database or a failing
 *    migration stops start-up instead of a user's request (several instances starting at once wait
 *    for each other: see migrateToLatest);
 * 3. graceful shutdown: readiness turns "draining" on SIGTERM and the pool closes before exit.
 */
export async function register(): Promise<void> {
  // The edge runtime has no database drivers; Vestibule's server code runs on Node.js.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig } = await import('@/lib/config.js');
  const { startTracing } = await import('@/lib/server/telemetry');
  startTracing(getConfig());

  // Routes see the TCP peer's address only through this stamp (lib/server/http/client-address.ts).
  const { stampPeerAddresses } = await import('@/lib/server/http/client-address');
  await stampPeerAddresses();

  const { closeDb, getDb } = await import('@/lib/server/db');
  await getDb();

  const { installGracefulShutdown } = await import('@/lib/server/shutdown');
  const { log } = await import('@/lib/server/log');
  installGracefulShutdown({
    closeDb,
    onSignal: (signal) => log.info({ signal }, 'shutting down: draining requests, then closing the database'),
  });
}
