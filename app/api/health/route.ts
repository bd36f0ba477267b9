import { checkHealth } from '@/lib/server/health';
import { route } from '@/lib/server/http/route';

export const dynamic = 'force-dynamic';

// GET /api/health — the full report for monitoring: the database and each outside service, up or
// not, with latency; 200 only when every one is up. Probes use the narrower endpoints beside it:
// /api/health/live (liveness, the image's HEALTHCHECK) and /api/health/ready (readiness, load balancers).
export const GET = route(async () => {
  const report = await checkHealth();
  return Response.json(report, { status: report.status === 'ok' ? 200 : 503 });
});
