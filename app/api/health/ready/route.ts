import { checkReadiness } from '@/lib/server/health';
import { route } from '@/lib/server/http/route';

export const dynamic = 'force-dynamic';

// GET /api/health/ready — readiness: 200 when this instance can take traffic (not shutting down,
// database answering), 503 otherwise, so a load balancer routes around it.
export const GET = route(async () => {
  const report = await checkReadiness();
  return Response.json(report, { status: report.status === 'ready' ? 200 : 503 });
});
