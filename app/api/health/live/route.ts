import { route } from '@/lib/server/http/route';

export const dynamic = 'force-dynamic';

// GET /api/health/live — liveness: the process is up and serving. No I/O on purpose: a database or
// Graph outage must not make the platform restart healthy containers (the image's HEALTHCHECK).
export const GET = route(() => Promise.resolve({ status: 'ok' }));
