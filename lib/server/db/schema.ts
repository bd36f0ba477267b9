import type { Generated } from 'kysely';

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
  /**
   * Set while one app instance redeems this session's refresh token; others wait for it rather than
   * redeem the same token again (see lib/server/auth/refresh-lease.ts). Null when nobody is.
   */
  refresh_lease_until: Generated<string | null>;
}

/** Stored as text (no enum or CHECK), so adding a status needs no migration. */
export type ShareStatus = 'invited' | 'signed_in' | 'in_lobby' | 'joined' | 'left' | 'revoked';
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
  /**
   * The language staff chose for the guest (lib/i18n/locales.ts); null: English mail, browser decides
   * pages. Optional in this type only so rows written before it (and test fixtures) need not name it.
   */
  language?: string | null;
  /**
   * The meeting's `allowMeetingChat` as Graph last told Vestibule (share creation, the host page):
   * 'enabled' | 'limited' | 'disabled', or null when not known. Guests get a chat scope only when it
   * allows chat (lib/server/acs/chat-scope.ts). Optional in this type for the same reason as `language`.
   */
  allow_meeting_chat?: string | null;
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

export type GuestSignInEnd = 'used' | 'superseded' | 'too_many_attempts';

/**
 * One e-mailed sign-in for a share's guest: a single-use link and a one-time code, both short-lived.
 * Only hashes are kept: SHA-256 of the link's token, and an HMAC (server key + per-row salt) of the
 * code, so reading the database reveals neither.
 */
export interface GuestSignInTable {
  id: string;
  share_id: string;
  /** The verified-to-be address: the share's guest_email at the time of the request. */
  email: string;
  link_hash: string;
  code_salt: string;
  code_hash: string;
  failed_attempts: number;
  created_at: string;
  expires_at: string;
  /** Set once the sign-in can no longer be used; `ended_reason` says why. */
  ended_at: string | null;
  ended_reason: GuestSignInEnd | null;
}

/** A guest's browser session: the cookie holds an opaque token, the row only its SHA-256. */
export interface GuestSessionTable {
  id_hash: string;
  /** The e-mail address this session proved; it reaches only shares for this address. */
  email: string;
  created_at: string;
  expires_at: string;
}

/** One counted guest request (sign-in mail, code attempt, token) under a rate-limit key. */
export interface GuestRateEventTable {
  id: string;
  key: string;
  at: string;
}

/** A Vestibule host's client in a meeting, seen at its last heartbeat. */
export interface HostPresenceTable {
  meeting_id: string;
  staff_id: string;
  seen_at: string;
}

export type CallRemovalState = 'requested' | 'removed' | 'not_in_call';

/**
 * A guest staff revoked while they were in the meeting (or its lobby). Revoking stops their tokens,
 * not their call: a host's client removes them and settles the row with what actually happened.
 */
export interface CallRemovalTable {
  share_id: string;
  meeting_id: string;
  requested_at: string;
  requested_by: string;
  state: CallRemovalState;
  settled_at: string | null;
  settled_by: string | null;
}

export interface Database {
  staff_sessions: StaffSessionTable;
  shares: ShareTable;
  share_identities: ShareIdentityTable;
  audit_events: AuditEventTable;
  guest_sign_ins: GuestSignInTable;
  guest_sessions: GuestSessionTable;
  guest_rate_events: GuestRateEventTable;
  host_presence: HostPresenceTable;
  call_removals: CallRemovalTable;
}
