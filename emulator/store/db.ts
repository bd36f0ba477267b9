import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, upn TEXT NOT NULL UNIQUE COLLATE NOCASE, display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS apps (
  client_id TEXT PRIMARY KEY, client_secret TEXT NOT NULL, display_name TEXT NOT NULL,
  roles TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS access_policies (
  app_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (app_id, user_id));
CREATE TABLE IF NOT EXISTS meetings (
  id TEXT PRIMARY KEY, organizer_id TEXT NOT NULL, join_web_url TEXT NOT NULL, short_url TEXT NOT NULL,
  join_meeting_id TEXT NOT NULL, event_id TEXT, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS meetings_organizer ON meetings (organizer_id);
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY, organizer_id TEXT NOT NULL, start_utc TEXT NOT NULL, end_utc TEXT NOT NULL,
  doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_window ON events (organizer_id, start_utc);
CREATE TABLE IF NOT EXISTS acs_identities (
  id TEXT PRIMARY KEY, created_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
-- jti holds a SHA-256 of the token itself: real ACS tokens carry no jti claim.
CREATE TABLE IF NOT EXISTS acs_tokens (
  jti TEXT PRIMARY KEY, identity_id TEXT NOT NULL, expires_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS acs_tokens_identity ON acs_tokens (identity_id);
CREATE TABLE IF NOT EXISTS mail (
  id TEXT PRIMARY KEY, received_at TEXT NOT NULL, seq INTEGER NOT NULL, recipients TEXT NOT NULL,
  doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS oidc (
  model TEXT NOT NULL, id TEXT NOT NULL, payload TEXT NOT NULL, expires_at INTEGER,
  grant_id TEXT, user_code TEXT, uid TEXT, PRIMARY KEY (model, id));
CREATE INDEX IF NOT EXISTS oidc_grant ON oidc (grant_id);
CREATE INDEX IF NOT EXISTS oidc_uid ON oidc (uid);
`;

/** Tables cleared by a reset; `kv` keeps the signing keys so published JWKS stay stable. */
const STATE_TABLES = [
  'users',
  'apps',
  'access_policies',
  'meetings',
  'events',
  'acs_identities',
  'acs_tokens',
  'mail',
  'oidc',
];

export function openDb(dataDir: string, reset: boolean): Db {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'emulator.db');
  if (reset) {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  return db;
}

export function clearState(db: Db): void {
  db.transaction(() => {
    for (const t of STATE_TABLES) db.prepare(`DELETE FROM ${t}`).run();
    db.prepare("DELETE FROM kv WHERE key = 'seeded'").run();
  })();
}

export function kvGet(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function kvSet(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}
