import { checkHealth } from '@/lib/server/health';
import { route } from '@/lib/server/http/route';

export const dynamic = 'force-dynamic';

// GET /api/health — the database and each outside service: up or not, with latency. 200 only when
// every required one is up, so a load balancer or `playwright`'s webServer can wait on it.
export const GET = route(async () => {
  const report = await checkHealth();
  return Response.json(report, { status: report.status === 'ok' ? 200 : 503 });
});
