import { requestMeta } from '@/lib/server/audit';
import { signedInResponse, verifyCode } from '@/lib/server/guests';
import { readJson, route } from '@/lib/server/http/route';

// POST /api/join/{shareId}/code — sign a guest in with the one-time code from the sign-in e-mail
export const POST = route<{ shareId: string }>(async ({ req, params }) => {
  return signedInResponse(await verifyCode(params.shareId, await readJson(req, 4096), requestMeta(req)));
});
