import { requestMeta } from '@/lib/server/audit';
import { confirmLink, signedInResponse } from '@/lib/server/guests';
import { readJson, route } from '@/lib/server/http/route';

// POST /api/join/{shareId}/link — sign a guest in with the e-mailed link's token (the landing page's one click)
export const POST = route<{ shareId: string }>(async ({ req, params }) => {
  return signedInResponse(await confirmLink(params.shareId, await readJson(req, 4096), requestMeta(req)));
});
