import { requestMeta } from '@/lib/server/audit';
import { guestTokenFromCookieHeader, issueShareToken } from '@/lib/server/guests';
import { readJson, route } from '@/lib/server/http/route';

// POST /api/shares/{shareId}/token — an ACS voip token (60 min) for the signed-in guest of this share; refresh is the same call
export const POST = route<{ shareId: string }>(async ({ req, params }) => {
  const request = {
    sessionToken: guestTokenFromCookieHeader(req.headers.get('cookie')),
    shareId: params.shareId,
    meta: requestMeta(req),
  };
  return issueShareToken(request, await readJson(req, 4096));
});
