import { requestMeta } from '@/lib/server/audit';
import { guestTokenFromCookieHeader, reportGuestStatus } from '@/lib/server/guests';
import { readJson, route } from '@/lib/server/http/route';

// POST /api/shares/{shareId}/status — the guest's client reports in_lobby / joined / left, for staff to see
export const POST = route<{ shareId: string }>(async ({ req, params }) => {
  const request = {
    sessionToken: guestTokenFromCookieHeader(req.headers.get('cookie')),
    shareId: params.shareId,
    meta: requestMeta(req),
  };
  return reportGuestStatus(request, await readJson(req, 4096));
});
