import 'server-only';
import { randomBytes } from 'node:crypto';
import { getDb } from '@/lib/server/db';
import { seal, unseal } from './seal';

/** How long a staff sign-in lasts at most, whatever the refresh token allows: one working day. */
export const STAFF_SESSION_HOURS = 12;

export interface GraphTokens {
  accessToken: string;
  refreshToken?: string;
  /** When the access token expires. */
  expiresAt: Date;
}

interface StaffSessionRecord {
  id: string;
  userId: string;
  tenantId: string;
  name: string;
  email: string;
  tokens: GraphTokens;
  expiresAt: Date;
}

export async function createStaffSession(input: {
  userId: string;
  tenantId: string;
  name: string;
  email: string;
  tokens: GraphTokens;
}): Promise<string> {
  const db = await getDb();
  const now = new Date();
  const id = randomBytes(24).toString('base64url');
  await db
    .insertInto('staff_sessions')
    .values({
      id,
      user_id: input.userId,
      tenant_id: input.tenantId,
      name: input.name,
      email: input.email,
      access_token_sealed: seal(input.tokens.accessToken),
      refresh_token_sealed: input.tokens.refreshToken ? seal(input.tokens.refreshToken) : null,
      access_token_expires_at: input.tokens.expiresAt.toISOString(),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      expires_at: new Date(now.getTime() + STAFF_SESSION_HOURS * 3600_000).toISOString(),
    })
    .execute();
  return id;
}

/** The live session with this id, or undefined when it is unknown, signed out or past its end. */
export async function findStaffSession(id: string): Promise<StaffSessionRecord | undefined> {
  const db = await getDb();
  const row = await db
    .selectFrom('staff_sessions')
    .selectAll()
    .where('id', '=', id)
    .where('expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    tenantId: row.tenant_id,
    name: row.name,
    email: row.email,
    expiresAt: new Date(row.expires_at),
    tokens: {
      accessToken: unseal(row.access_token_sealed),
      refreshToken: row.refresh_token_sealed ? unseal(row.refresh_token_sealed) : undefined,
      expiresAt: new Date(row.access_token_expires_at),
    },
  };
}

export async function updateStaffTokens(id: string, tokens: GraphTokens): Promise<void> {
  const db = await getDb();
  await db
    .updateTable('staff_sessions')
    .set({
      access_token_sealed: seal(tokens.accessToken),
      // Entra may or may not rotate the refresh token; keep the old one when no new one comes back.
      ...(tokens.refreshToken ? { refresh_token_sealed: seal(tokens.refreshToken) } : {}),
      access_token_expires_at: tokens.expiresAt.toISOString(),
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteStaffSession(id: string): Promise<void> {
  const db = await getDb();
  await db.deleteFrom('staff_sessions').where('id', '=', id).execute();
}
