import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';

import type { Db } from './db';

export type User = { id: string; upn: string; displayName: string; createdAt: string };

type Row = { id: string; upn: string; display_name: string; password_hash: string; created_at: string };

const toUser = (r: Row): User => ({ id: r.id, upn: r.upn, displayName: r.display_name, createdAt: r.created_at });

// Passwords are dev-only, but hashing them costs nothing and keeps the db file from holding them.
// Small scrypt cost: this is a local emulator, and tests log in many times.
const SCRYPT = { N: 1024, r: 8, p: 1 };

function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, SCRYPT);
  return `${salt.toString('base64')}:${hash.toString('base64')}`;
}

function checkPassword(password: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, SCRYPT);
  return timingSafeEqual(expected, actual);
}

export class UpnTakenError extends Error {}

export function createUser(db: Db, input: { displayName: string; upn: string; password: string; id?: string }): User {
  const user: User = {
    id: input.id ?? randomUUID(),
    upn: input.upn.toLowerCase(),
    displayName: input.displayName,
    createdAt: new Date().toISOString(),
  };
  try {
    db.prepare('INSERT INTO users (id, upn, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
      user.id,
      user.upn,
      user.displayName,
      hashPassword(input.password),
      user.createdAt,
    );
  } catch (e) {
    if (e instanceof Error && /UNIQUE/.test(e.message)) throw new UpnTakenError(input.upn);
    throw e;
  }
  return user;
}

/** Finds a user by object id or by UPN (case-insensitive), like Graph's `/users/{id|upn}`. */
export function findUser(db: Db, idOrUpn: string): User | undefined {
  const row = db.prepare('SELECT * FROM users WHERE id = ? OR upn = ? COLLATE NOCASE').get(idOrUpn, idOrUpn) as
    Row | undefined;
  return row ? toUser(row) : undefined;
}

export function authenticate(db: Db, upn: string, password: string): User | undefined {
  const row = db.prepare('SELECT * FROM users WHERE upn = ? COLLATE NOCASE').get(upn.trim()) as Row | undefined;
  if (!row) return undefined;
  return checkPassword(password, row.password_hash) ? toUser(row) : undefined;
}

export function listUsers(db: Db): User[] {
  return (db.prepare('SELECT * FROM users ORDER BY upn').all() as Row[]).map(toUser);
}
