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

export interface Database {
  staff_sessions: StaffSessionTable;
}
