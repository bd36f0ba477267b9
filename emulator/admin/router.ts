import { z } from 'zod';

import { ADMIN_HEADER } from '../constants';
import type { EmulatorContext } from '../context';
import { FaultSchema } from '../faults';
import { isLoopback, readJson, sendEmpty, sendJson, type Ctx } from '../http';
import { createApp, findApp, grantAccessPolicy, revokeAccessPolicies } from '../store/apps';
import { LOBBY_SCOPES, createMeeting, deleteMeeting, getMeeting, updateMeeting } from '../store/meetings';
import { UpnTakenError, createUser, findUser, listUsers } from '../store/users';

const UserCreate = z.object({
  displayName: z.string().trim().min(1).max(256),
  upn: z.email().max(320),
  password: z.string().min(1).max(256),
});
const AppCreate = z.object({
  displayName: z.string().trim().min(1).max(256),
  roles: z.array(z.string().min(1).max(128)).max(50).default([]),
});
const MeetingCreate = z
  .object({
    organizer: z.string().min(1),
    subject: z.string().max(255).default(''),
    startDateTime: z.iso.datetime({ offset: true }),
    endDateTime: z.iso.datetime({ offset: true }),
    lobbyBypassScope: z.enum(LOBBY_SCOPES).optional(),
    /** Graph's meetingChatMode; `disabled` turns the meeting's chat off for everyone. */
    allowMeetingChat: z.enum(['enabled', 'disabled', 'limited']).optional(),
    onCalendar: z.boolean().default(false),
  })
  .refine((m) => new Date(m.endDateTime) >= new Date(m.startDateTime), {
    message: 'endDateTime must not be before startDateTime',
    path: ['endDateTime'],
  });
const LobbyPatch = z.object({ scope: z.enum(LOBBY_SCOPES), isDialInBypassEnabled: z.boolean().optional() });
const PolicyCreate = z.object({ appId: z.string().min(1), userId: z.string().min(1).optional() });

function adminError(ctx: Ctx, status: number, code: string, message: string): void {
  sendJson(ctx.res, status, { error: { code, message } });
}

const zodMessage = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

export type AdminExtras = {
  /** Active calls of the calling service (`GET /admin/calls`). */
  listCalls?: () => unknown[];
  /** Cuts one participant's socket, like a network drop (`POST /admin/calls/participants/{id}/drop`). */
  dropConnection?: (participantId: string) => boolean;
};

/**
 * Why a request may not use the admin API, or undefined when it may. The server already refuses
 * Host names other than localhost (DNS rebinding); on top of that:
 * - the peer must be on this machine (defence in depth if someone changes the bind address);
 * - a preflight (OPTIONS) is refused, and every request must carry `x-emulator-admin: 1`, which a
 *   browser cannot send without a preflight: so no web page can call the admin API, not even
 *   with `fetch(…, {mode: 'no-cors'})`;
 * - every write must declare `application/json` (a `text/plain` form post is a "simple" request).
 */
function refusal(ctx: Ctx): string | undefined {
  if (!isLoopback(ctx.req)) return 'The admin API only answers loopback clients.';
  if (ctx.method === 'OPTIONS') return 'The admin API does not answer cross-origin requests.';
  if (ctx.req.headers[ADMIN_HEADER] !== '1') return `Admin requests must carry the header ${ADMIN_HEADER}: 1.`;
  const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (ctx.method !== 'GET' && type !== 'application/json') return 'Admin requests must be application/json.';
  return undefined;
}

/** The admin API for development and tests (only for programs on this machine, never for web pages). */
export function createAdminHandler(env: EmulatorContext, extras: AdminExtras = {}) {
  async function json<T>(ctx: Ctx, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    const raw = await readJson(ctx.req);
    if (!raw.ok) {
      adminError(ctx, 400, 'InvalidJson', 'The request body is not valid JSON.');
      return { ok: false };
    }
    const parsed = schema.safeParse(raw.value ?? {});
    if (!parsed.success) {
      adminError(ctx, 400, 'ValidationError', zodMessage(parsed.error));
      return { ok: false };
    }
    return { ok: true, value: parsed.data };
  }

  return async function handleAdmin(ctx: Ctx): Promise<void> {
    const refused = refusal(ctx);
    if (refused) {
      // Drain what the client sent so it reads the 403 instead of a reset connection.
      ctx.req.resume();
      return adminError(ctx, 403, 'Forbidden', refused);
    }
    const { path, method } = ctx;

    if (path === '/users' && method === 'GET') {
      return sendJson(ctx.res, 200, { value: listUsers(env.db) });
    }
    if (path === '/users' && method === 'POST') {
      const b = await json(ctx, UserCreate);
      if (!b.ok) return;
      try {
        const u = createUser(env.db, b.value);
        return sendJson(ctx.res, 201, { id: u.id, displayName: u.displayName, upn: u.upn, userPrincipalName: u.upn });
      } catch (e) {
        if (e instanceof UpnTakenError)
          return adminError(ctx, 409, 'Conflict', `A user with UPN '${b.value.upn}' exists.`);
        throw e;
      }
    }
    if (path === '/apps' && method === 'POST') {
      const b = await json(ctx, AppCreate);
      if (!b.ok) return;
      return sendJson(ctx.res, 201, createApp(env.db, b.value));
    }
    if (path === '/meetings' && method === 'POST') {
      const b = await json(ctx, MeetingCreate);
      if (!b.ok) return;
      const organizer = findUser(env.db, b.value.organizer);
      if (!organizer) return adminError(ctx, 404, 'NotFound', `No user '${b.value.organizer}'.`);
      const { meeting, event } = createMeeting(
        env.db,
        organizer,
        {
          subject: b.value.subject,
          startDateTime: b.value.startDateTime,
          endDateTime: b.value.endDateTime,
          lobbyBypassScope: b.value.lobbyBypassScope,
          allowMeetingChat: b.value.allowMeetingChat,
        },
        { onCalendar: b.value.onCalendar },
      );
      return sendJson(ctx.res, 201, { ...meeting, eventId: event?.id ?? null });
    }
    // Deletes a meeting the way its organizer can in Teams or Graph: its link stops working, so a
    // join ends as an invalid meeting. Tests use it for that end without needing the organizer's token.
    const meetingPath = /^\/meetings\/([^/]+)$/.exec(path);
    if (meetingPath && method === 'DELETE') {
      const id = decodeURIComponent(meetingPath[1] ?? '');
      if (!getMeeting(env.db, id)) return adminError(ctx, 404, 'NotFound', 'No such meeting.');
      deleteMeeting(env.db, id);
      return sendEmpty(ctx.res, 204);
    }
    const lobby = /^\/meetings\/([^/]+)\/lobby$/.exec(path);
    if (lobby && method === 'PATCH') {
      const b = await json(ctx, LobbyPatch);
      if (!b.ok) return;
      const stored = getMeeting(env.db, decodeURIComponent(lobby[1] ?? ''));
      if (!stored) return adminError(ctx, 404, 'NotFound', 'No such meeting.');
      const m = structuredClone(stored.meeting);
      m.lobbyBypassSettings.scope = b.value.scope;
      if (b.value.isDialInBypassEnabled !== undefined)
        m.lobbyBypassSettings.isDialInBypassEnabled = b.value.isDialInBypassEnabled;
      updateMeeting(env.db, m);
      return sendJson(ctx.res, 200, m);
    }
    if (path === '/access-policies' && method === 'POST') {
      const b = await json(ctx, PolicyCreate);
      if (!b.ok) return;
      if (!findApp(env.db, b.value.appId))
        return adminError(ctx, 404, 'NotFound', `No app registration '${b.value.appId}'.`);
      let userId: string | undefined;
      if (b.value.userId) {
        const u = findUser(env.db, b.value.userId);
        if (!u) return adminError(ctx, 404, 'NotFound', `No user '${b.value.userId}'.`);
        userId = u.id;
      }
      grantAccessPolicy(env.db, b.value.appId, userId);
      return sendJson(ctx.res, 201, {
        appId: b.value.appId,
        userId: userId ?? null,
        scope: userId ? 'user' : 'tenant',
      });
    }
    const policy = /^\/access-policies\/([^/]+)$/.exec(path);
    if (policy && method === 'DELETE') {
      revokeAccessPolicies(env.db, decodeURIComponent(policy[1] ?? ''));
      return sendEmpty(ctx.res, 204);
    }
    if (path === '/calls' && method === 'GET') {
      return sendJson(ctx.res, 200, { value: extras.listCalls?.() ?? [] });
    }
    const drop = /^\/calls\/participants\/([^/]+)\/drop$/.exec(path);
    if (drop && method === 'POST') {
      return extras.dropConnection?.(decodeURIComponent(drop[1] ?? ''))
        ? sendEmpty(ctx.res, 204)
        : adminError(ctx, 404, 'NotFound', 'No connected participant has that id.');
    }
    if (path === '/reset' && method === 'POST') {
      env.reset();
      return sendEmpty(ctx.res, 204);
    }
    if (path === '/faults') {
      if (method === 'POST') {
        const b = await json(ctx, FaultSchema);
        if (!b.ok) return;
        return sendJson(ctx.res, 201, { ...env.faults.add(b.value), ...b.value });
      }
      if (method === 'GET') return sendJson(ctx.res, 200, { value: env.faults.list() });
      if (method === 'DELETE') {
        env.faults.clear();
        return sendEmpty(ctx.res, 204);
      }
    }
    return adminError(ctx, 404, 'NotFound', `No admin operation ${method} ${path}.`);
  };
}
