'use client';

import type { AuditView } from '@/lib/api/audit';
import type { ShareView } from '@/lib/api/shares';
import { AuditTrail } from './AuditTrail';
import { InviteForm } from './InviteForm';
import { SharesTable } from './SharesTable';
import { useMeetingShares } from './use-meeting-shares';

/** A meeting's guests: invite them, see and manage each share, and read the audit trail. */
export function SharesPanel({
  meetingId,
  initialShares,
  initialAudit,
  meetingEnded,
}: {
  meetingId: string;
  initialShares: ShareView[];
  initialAudit: AuditView[];
  meetingEnded: boolean;
}) {
  const { shares, audit, invite, resend, revoke } = useMeetingShares(meetingId, {
    shares: initialShares,
    audit: initialAudit,
  });
  return (
    <>
      <InviteForm meetingEnded={meetingEnded} invite={invite} />
      <SharesTable shares={shares} resend={resend} revoke={revoke} />
      <AuditTrail events={audit} />
    </>
  );
}
