/** The JSON the staff API sends about the audit trail. Plain types only (imported by the browser). */

export type AuditActorKind = 'staff' | 'guest' | 'system';

/** One audit entry as staff see it. */
export interface AuditView {
  id: string;
  at: string;
  actor: { kind: AuditActorKind; id: string; name: string | null };
  /** 'share.created', 'share.sent', 'share.revoked', … */
  action: string;
  shareId: string | null;
  /** The invited guest's address when the event is about a share (the recipient of a sent invitation). */
  guestEmail: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, unknown> | null;
}

/** GET /api/meetings/{meetingId}/audit. */
export interface AuditTrailResponse {
  events: AuditView[];
}
