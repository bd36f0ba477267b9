import { requestMeta } from '@/lib/server/audit';
import { requestSignIn } from '@/lib/server/guests';
import { readJson, route } from '@/lib/server/http/route';

// POST /api/join/{shareId}/sign-in — mail a sign-in link and code to the invited address (same answer for any address)
export const POST = route<{ shareId: string }>(async ({ req, params }) => {
  const result = await requestSignIn(params.shareId, await readJson(req, 4096), requestMeta(req));
  return Response.json(result, { status: 202 });
});
