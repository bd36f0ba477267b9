/**
 * Table types for Kysely. Timestamps are ISO-8601 UTC strings in both SQLite and PostgreSQL: they
 * sort and compare correctly as text, and both drivers return them unchanged, so query code and
 * results are identical on the two databases.
 */
export interface StaffSessionTable {
  id: string;
  user_id: string;
  tenant_id: string;
  name: string;
  email: string;
  /** Graph tokens are sealed (AES-256-GCM) before they are stored; they never reach the browser. */
  access_token_sealed: string;
  refresh_token_sealed: string | null;
  access_token_expires_at: string;
  created_at: string;
  updated_at: string;
  expires_at: string;
}

export type ShareStatus = 'invited' | 'signed_in' | 'in_lobby' | 'joined' | 'revoked';
export type ShareDelivery = 'pending' | 'sent' | 'failed';

/**
 * One invited guest of one meeting. The meeting's join link, meeting ID and passcode are copied here
 * so a guest can join without a staff Graph session; they are server-side only and never serialized
 * to any client. 'expired' is not stored: it is derived from `expires_at` when read.
 */
export interface ShareTable {
  /** Opaque, ≥128 bits of randomness, base64url: the only thing in the guest's link. */
  id: string;
  meeting_id: string;
  meeting_subject: string;
  meeting_start: string;
  meeting_end: string;
  organizer_id: string;
  organizer_name: string | null;
  join_web_url: string;
  join_meeting_id: string | null;
  passcode: string | null;
  /** Trimmed and lower-cased. */
  guest_email: string;
  guest_name: string | null;
  message: string | null;
  inviter_id: string;
  inviter_name: string;
  inviter_email: string;
  /** The inviter's IANA time zone, so a resent invitation shows the same local times. */
  time_zone: string;
  created_at: string;
  expires_at: string;
  status: ShareStatus;
  delivery: ShareDelivery;
  /** Short, non-secret reason for the last failed send. */
  delivery_error: string | null;
  sent_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** Every ACS identity created for a share, so revoking the share can revoke all their tokens. */
export interface ShareIdentityTable {
  share_id: string;
  acs_user_id: string;
  created_at: string;
}

export type AuditActorKind = 'staff' | 'guest' | 'system';

export interface AuditEventTable {
  id: string;
  at: string;
  actor_kind: AuditActorKind;
  actor_id: string;
  actor_name: string | null;
  /** 'share.created', 'share.sent', 'share.send_failed', 'share.resent', 'share.revoked', … */
  action: string;
  meeting_id: string | null;
  share_id: string | null;
  ip: string | null;
  user_agent: string | null;
  /** JSON text. */
  detail: string | null;
}

export interface Database {
  staff_sessions: StaffSessionTable;
  shares: ShareTable;
  share_identities: ShareIdentityTable;
  audit_events: AuditEventTable;
}
