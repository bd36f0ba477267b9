/**
 * Runs once when the Next.js server starts: migrate the database before the first request, so a
 * database that is unreachable or a migration that fails stops start-up instead of a user's request.
 */
export async function register(): Promise<void> {
  // The edge runtime has no database drivers; Vestibule's server code runs on Node.js.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Routes see the TCP peer's address only through this stamp (lib/server/http/client-address.ts).
  const { stampPeerAddresses } = await import('@/lib/server/http/client-address');
  await stampPeerAddresses();
  const { getDb } = await import('@/lib/server/db');
  await getDb();
}
