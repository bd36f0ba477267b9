import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { getDb, type Database } from '@/lib/server/db';
import type { AuditActorKind, AuditView } from '@/lib/api/audit';

export { requestMeta, type RequestMeta } from './request-meta';

export interface AuditEvent {
  actor: { kind: AuditActorKind; id: string; name?: string | null };
  action: string;
  meetingId?: string | null;
  shareId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Small, non-secret facts (never tokens, passcodes or join links). */
  detail?: Record<string, unknown>;
  at?: Date;
}

/**
 * Appends one audit event. Pass the transaction (or database) the audited change is written with,
 * so the event and the change commit — or roll back — together.
 */
export async function record(event: AuditEvent, db?: Kysely<Database>): Promise<void> {
  const executor = db ?? (await getDb());
  await executor
    .insertInto('audit_events')
    .values({
      id: randomUUID(),
      at: (event.at ?? new Date()).toISOString(),
      actor_kind: event.actor.kind,
      actor_id: event.actor.id,
      actor_name: event.actor.name ?? null,
      action: event.action,
      meeting_id: event.meetingId ?? null,
      share_id: event.shareId ?? null,
      ip: event.ip ?? null,
      user_agent: event.userAgent ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
    })
    .execute();
}

function parseDetail(detail: string | null): Record<string, unknown> | null {
  if (!detail) return null;
  try {
    return JSON.parse(detail) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** A meeting's audit trail, newest first. Callers authorize access to the meeting first. */
export async function listAudit(meetingId: string, limit = 200, db?: Kysely<Database>): Promise<AuditView[]> {
  const executor = db ?? (await getDb());
  // The share's address names the guest of every event about a share, also of rows recorded before
  // events carried it in their detail (issue #14: "invitation sent" rows showed no recipient).
  const rows = await executor
    .selectFrom('audit_events')
    .leftJoin('shares', 'shares.id', 'audit_events.share_id')
    .selectAll('audit_events')
    .select('shares.guest_email')
    .where('audit_events.meeting_id', '=', meetingId)
    .orderBy('audit_events.at', 'desc')
    .orderBy('audit_events.id')
    .limit(Math.max(1, Math.min(limit, 1000)))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
    action: r.action,
    shareId: r.share_id,
    guestEmail: r.guest_email ?? null,
    ip: r.ip,
    userAgent: r.user_agent,
    detail: parseDetail(r.detail),
  }));
}
