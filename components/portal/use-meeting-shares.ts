'use client';

import { useCallback, useState } from 'react';
import type { AuditTrailResponse, AuditView } from '@/lib/api/audit';
import type { ResendShareResponse, RevokeShareResponse, SharesResponse, ShareView } from '@/lib/api/shares';
import { api, type ApiResult } from './api';

/** What staff send to invite guests (POST /api/meetings/{meetingId}/shares). */
export interface InviteRequest {
  guests: { email: string; name?: string }[];
  message?: string;
  /** The inviter's zone, so the e-mail shows the times they meant. */
  timeZone: string;
}

/**
 * One meeting's shares and audit trail, and the staff actions on them. After an action both are
 * reloaded, so the table and the trail show what the server holds: after resend and revoke even when
 * refused (someone else may have changed the share meanwhile), after inviting only on success (a
 * refused invitation changed nothing).
 */
export function useMeetingShares(meetingId: string, initial: { shares: ShareView[]; audit: AuditView[] }) {
  const base = `/api/meetings/${encodeURIComponent(meetingId)}`;
  const [shares, setShares] = useState(initial.shares);
  const [audit, setAudit] = useState(initial.audit);

  const reload = useCallback(async () => {
    const [s, a] = await Promise.all([api<SharesResponse>(`${base}/shares`), api<AuditTrailResponse>(`${base}/audit`)]);
    if (s.ok) setShares(s.data.shares);
    if (a.ok) setAudit(a.data.events);
  }, [base]);

  const thenReload = useCallback(
    async <T>(result: Promise<ApiResult<T>>): Promise<ApiResult<T>> => {
      const settled = await result;
      await reload();
      return settled;
    },
    [reload],
  );

  const invite = useCallback(
    async (request: InviteRequest) => {
      const result = await api<SharesResponse>(`${base}/shares`, { method: 'POST', body: request });
      if (result.ok) await reload();
      return result;
    },
    [base, reload],
  );

  const resend = useCallback(
    (share: ShareView) =>
      thenReload(api<ResendShareResponse>(`/api/shares/${encodeURIComponent(share.id)}/resend`, { method: 'POST' })),
    [thenReload],
  );

  const revoke = useCallback(
    (share: ShareView) =>
      thenReload(api<RevokeShareResponse>(`/api/shares/${encodeURIComponent(share.id)}`, { method: 'DELETE' })),
    [thenReload],
  );

  return { shares, audit, invite, resend, revoke };
}
