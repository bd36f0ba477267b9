'use client';

import { useCallback, useState } from 'react';
import type { AuditTrailResponse, AuditView } from '@/lib/api/audit';
import type { ResendShareResponse, RevokeShareResponse, SharesResponse, ShareView } from '@/lib/api/shares';
import { api, type ApiResult } from './api';
import { useVisiblePolling } from './use-visible-polling';

/** How often the meeting page asks for the guests' status (signed in, in lobby, joined, left). */
const LIVE_STATUS_MS = 4000;

/** What staff send to invite guests (POST /api/meetings/{meetingId}/shares). */
export interface InviteRequest {
  /** `language`: the guest's invitation mail and default page language (lib/i18n/locales.ts). */
  guests: { email: string; name?: string; language?: string }[];
  message?: string;
  /** The inviter's zone, so the e-mail shows the times they meant. */
  timeZone: string;
}

/**
 * One meeting's shares and audit trail, and the staff actions on them. After an action both are
 * reloaded, so the table and the trail show what the server holds: after resend and revoke even when
 * refused (someone else may have changed the share meanwhile), after inviting only on success (a
 * refused invitation changed nothing). The shares are also polled every few seconds while the page
 * is visible, so guests' live status (in lobby, joined, left) shows without a reload.
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

  // Guests' status changes without staff doing anything: follow it while the page is on screen.
  const reloadShares = useCallback(async () => {
    const s = await api<SharesResponse>(`${base}/shares`);
    if (s.ok) setShares(s.data.shares);
  }, [base]);
  useVisiblePolling(reloadShares, LIVE_STATUS_MS);

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
