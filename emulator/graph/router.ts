import { z } from 'zod';

import type { EmulatorContext } from '../context';
import { readJson, sendEmpty, sendJson, type Ctx } from '../http';
import { hasAccessPolicy } from '../store/apps';
import {
  LOBBY_SCOPES,
  buildEvent,
  createMeeting,
  deleteMeeting,
  eventsInWindow,
  findMeetingsByJoinMeetingId,
  findMeetingsByJoinUrl,
  getMeeting,
  insertEvent,
  updateMeeting,
  type CalendarEvent,
  type OnlineMeeting,
  type StoredMeeting,
} from '../store/meetings';
import { findUser, type User } from '../store/users';
import { GraphHttpError, badRequest, forbidden, graphError, notFound } from './errors';
import { parseMeetingFilter } from './filter';
import { query, select, userResource } from './odata';
import { authenticate, delegated, requireScope } from './principal';
import { parseWindowBound, zonedToUtc } from './time';

const DEFAULT_PAGE = 10;
const MAX_PAGE = 1000;

const DateTimeTimeZone = z.object({ dateTime: z.string().min(1), timeZone: z.string().min(1).optional() });
const Body = z.object({ contentType: z.enum(['html', 'text', 'HTML', 'Text']).default('html'), content: z.string() });
const Lobby = z.object({ scope: z.enum(LOBBY_SCOPES).optional(), isDialInBypassEnabled: z.boolean().optional() });

const EventCreate = z.object({
  subject: z.string().max(255).optional(),
  body: Body.optional(),
  start: DateTimeTimeZone,
  end: DateTimeTimeZone,
  isOnlineMeeting: z.boolean().optional(),
  onlineMeetingProvider: z.enum(['teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer', 'unknown']).optional(),
  attendees: z.array(z.unknown()).optional(),
  location: z.unknown().optional(),
});

const MeetingCreate = z.object({
  subject: z.string().max(255).optional(),
  startDateTime: z.iso.datetime({ offset: true }).optional(),
  endDateTime: z.iso.datetime({ offset: true }).optional(),
  lobbyBypassSettings: Lobby.optional(),
  joinMeetingIdSettings: z.object({ isPasscodeRequired: z.boolean().optional() }).optional(),
  allowedPresenters: z.enum(['everyone', 'organization', 'roleIsPresenter', 'organizer']).optional(),
  allowMeetingChat: z.enum(['enabled', 'disabled', 'limited']).optional(),
  participants: z.unknown().optional(),
});

const MeetingPatch = MeetingCreate.omit({ participants: true });

const zodMessage = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

export function createGraphHandler(env: EmulatorContext) {
  const base = () => `${env.origin}/graph/v1.0`;
  const ctxUrl = (fragment: string) => `${base()}/$metadata#${fragment}`;

  const meetingScopes = {
    read: ['OnlineMeetings.Read', 'OnlineMeetings.ReadWrite'],
    write: ['OnlineMeetings.ReadWrite'],
  };
  const MEETING_DENIED =
    'Insufficient privileges to complete the operation. The token lacks the OnlineMeetings permission.';

  function meetingBody(m: OnlineMeeting, organizerId: string) {
    return { '@odata.context': ctxUrl(`users('${organizerId}')/onlineMeetings/$entity`), ...m };
  }

  function filterMeetings(ctx: Ctx, organizerId: string) {
    const filter = query(ctx, '$filter');
    if (filter === undefined) {
      throw badRequest("Filter expression expected - /onlineMeetings?$filter=JoinWebUrl eq '{joinWebUrl}'.");
    }
    const f = parseMeetingFilter(filter);
    const found =
      f.kind === 'joinWebUrl'
        ? findMeetingsByJoinUrl(env.db, organizerId, f.value)
        : findMeetingsByJoinMeetingId(env.db, organizerId, f.value);
    return {
      '@odata.context': ctxUrl(`users('${organizerId}')/onlineMeetings`),
      value: found.map((s) => s.meeting),
    };
  }

  function ownMeeting(organizerId: string, id: string): StoredMeeting {
    const s = getMeeting(env.db, id);
    if (!s || s.organizerId !== organizerId) throw notFound('The specified meeting was not found.');
    return s;
  }

  async function body<T>(ctx: Ctx, schema: z.ZodType<T>): Promise<T> {
    const json = await readJson(ctx.req);
    if (!json.ok)
      throw badRequest(
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
      );
    const parsed = schema.safeParse(json.value ?? {});
    if (!parsed.success) throw badRequest(zodMessage(parsed.error), 'BadRequest');
    return parsed.data;
  }

  function calendarView(ctx: Ctx, user: User): void {
    const startRaw = query(ctx, 'startDateTime');
    const endRaw = query(ctx, 'endDateTime');
    if (!startRaw || !endRaw) {
      throw badRequest(
        'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
        'ErrorInvalidParameter',
      );
    }
    const start = parseWindowBound(startRaw);
    const end = parseWindowBound(endRaw);
    if (!start || !end)
      throw badRequest('The value of StartDateTime or EndDateTime is not a valid date.', 'ErrorInvalidParameter');
    const topRaw = query(ctx, '$top');
    const top = topRaw === undefined ? DEFAULT_PAGE : Number(topRaw);
    if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE)
      throw badRequest(`Invalid value '${topRaw ?? ''}' for $top.`, 'ErrorInvalidParameter');
    const orderby = query(ctx, '$orderby')?.trim();
    let desc = false;
    if (orderby) {
      const om = /^start\/dateTime(?:\s+(asc|desc))?$/i.exec(orderby);
      if (!om)
        throw badRequest(
          `The $orderby '${orderby}' is not supported by the emulator; use start/dateTime.`,
          'BadRequest',
        );
      desc = om[1]?.toLowerCase() === 'desc';
    }
    // Outlook resources (events, calendarView) page with $skip, not $skiptoken.
    if (query(ctx, '$skiptoken') !== undefined) {
      throw badRequest('The query parameter $skiptoken is not supported on calendarView; use $skip.', 'BadRequest');
    }
    const skipRaw = query(ctx, '$skip');
    const offset = skipRaw === undefined ? 0 : Number(skipRaw);
    if (!/^\d+$/.test(skipRaw ?? '0') || !Number.isSafeInteger(offset))
      throw badRequest(`Invalid value '${skipRaw ?? ''}' for $skip.`, 'ErrorInvalidParameter');
    let events = eventsInWindow(env.db, user.id, start.toISOString(), end.toISOString());
    if (desc) events = events.reverse();
    const page = events.slice(offset, offset + top);
    const sel = query(ctx, '$select');
    const result: Record<string, unknown> = {
      '@odata.context': ctxUrl(`users('${user.id}')/calendarView`),
      value: page.map((e) => select(e, sel)),
    };
    if (offset + top < events.length) {
      // As Outlook writes it: every query option re-encoded (`%24top`, `%24skip`, `%3a`), window first.
      const next = new URLSearchParams();
      next.set('startDateTime', startRaw);
      next.set('endDateTime', endRaw);
      if (orderby) next.set('$orderby', orderby);
      if (sel) next.set('$select', sel);
      next.set('$top', String(top));
      next.set('$skip', String(offset + top));
      const encoded = next.toString().replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
      result['@odata.nextLink'] = `${base()}/me/calendarView?${encoded}`;
    }
    sendJson(ctx.res, 200, result);
  }

  async function createEvent(ctx: Ctx, user: User): Promise<void> {
    const input = await body(ctx, EventCreate);
    const start = zonedToUtc(input.start.dateTime, input.start.timeZone);
    const end = zonedToUtc(input.end.dateTime, input.end.timeZone);
    if (!start || !end)
      throw badRequest(
        'start or end is not a valid dateTimeTimeZone (use an IANA time zone or UTC).',
        'ErrorInvalidRequest',
      );
    if (end < start) throw badRequest('The end of the event must not be before its start.', 'ErrorInvalidRequest');
    const bodyContent = input.body
      ? { contentType: input.body.contentType.toLowerCase() as 'html' | 'text', content: input.body.content }
      : undefined;
    let event: CalendarEvent;
    if (input.isOnlineMeeting) {
      if (input.onlineMeetingProvider && input.onlineMeetingProvider !== 'teamsForBusiness') {
        throw badRequest(
          `The online meeting provider '${input.onlineMeetingProvider}' is not enabled for this mailbox.`,
          'ErrorInvalidRequest',
        );
      }
      const created = createMeeting(
        env.db,
        user,
        { subject: input.subject, startDateTime: start.toISOString(), endDateTime: end.toISOString() },
        { onCalendar: true, body: bodyContent },
      );
      event = created.event as CalendarEvent;
    } else {
      event = buildEvent(
        user,
        { subject: input.subject ?? '', startDateTime: start.toISOString(), endDateTime: end.toISOString() },
        bodyContent,
      );
      insertEvent(env.db, user.id, event, start.toISOString(), end.toISOString());
    }
    sendJson(
      ctx.res,
      201,
      { '@odata.context': ctxUrl(`users('${user.id}')/events/$entity`), ...event },
      {
        location: `${base()}/users('${user.id}')/events('${event.id}')`,
      },
    );
  }

  async function createOnlineMeeting(ctx: Ctx, user: User): Promise<void> {
    const input = await body(ctx, MeetingCreate);
    const start = input.startDateTime ? new Date(input.startDateTime) : new Date();
    const end = input.endDateTime ? new Date(input.endDateTime) : new Date(start.getTime() + 60 * 60_000);
    if (end < start) throw badRequest('endDateTime must not be before startDateTime.');
    const { meeting } = createMeeting(
      env.db,
      user,
      {
        subject: input.subject,
        startDateTime: start.toISOString(),
        endDateTime: end.toISOString(),
        lobbyBypassScope: input.lobbyBypassSettings?.scope,
        isDialInBypassEnabled: input.lobbyBypassSettings?.isDialInBypassEnabled,
        allowedPresenters: input.allowedPresenters,
        allowMeetingChat: input.allowMeetingChat,
      },
      { onCalendar: false },
    );
    sendJson(ctx.res, 201, meetingBody(meeting, user.id));
  }

  async function patchMeeting(ctx: Ctx, stored: StoredMeeting): Promise<void> {
    const input = await body(ctx, MeetingPatch);
    const m: OnlineMeeting = structuredClone(stored.meeting);
    if (input.subject !== undefined) m.subject = input.subject;
    if (input.startDateTime) m.startDateTime = new Date(input.startDateTime).toISOString();
    if (input.endDateTime) m.endDateTime = new Date(input.endDateTime).toISOString();
    if (input.lobbyBypassSettings?.scope) m.lobbyBypassSettings.scope = input.lobbyBypassSettings.scope;
    if (input.lobbyBypassSettings?.isDialInBypassEnabled !== undefined) {
      m.lobbyBypassSettings.isDialInBypassEnabled = input.lobbyBypassSettings.isDialInBypassEnabled;
    }
    if (input.allowedPresenters) m.allowedPresenters = input.allowedPresenters;
    if (input.allowMeetingChat) m.allowMeetingChat = input.allowMeetingChat;
    if (new Date(m.endDateTime) < new Date(m.startDateTime))
      throw badRequest('endDateTime must not be before startDateTime.');
    updateMeeting(env.db, m);
    sendJson(ctx.res, 200, meetingBody(m, stored.organizerId));
  }

  async function route(ctx: Ctx): Promise<void> {
    const full = ctx.path;
    if (!full.startsWith('/v1.0/')) throw badRequest('Invalid version: use /v1.0.', 'BadRequest');
    const path = full.slice('/v1.0'.length).replace(/\/+$/, '') || '/';
    const p = await authenticate(env, ctx);
    const { method } = ctx;

    if (path === '/me' && method === 'GET') {
      const u = delegated(p);
      requireScope(
        u,
        ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All'],
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      );
      return sendJson(ctx.res, 200, {
        '@odata.context': ctxUrl('users/$entity'),
        ...select(userResource(u.user), query(ctx, '$select')),
      });
    }

    if (path === '/me/calendarView' || path === '/me/calendarview') {
      if (method !== 'GET') throw new GraphHttpError(405, 'Request_BadRequest', 'Method not allowed.');
      const u = delegated(p);
      requireScope(
        u,
        ['Calendars.Read', 'Calendars.ReadWrite'],
        'ErrorAccessDenied',
        'Access is denied. Check credentials and try again.',
      );
      return calendarView(ctx, u.user);
    }

    if (path === '/me/events') {
      if (method !== 'POST')
        throw new GraphHttpError(405, 'Request_BadRequest', 'The emulator supports POST /me/events only.');
      const u = delegated(p);
      requireScope(
        u,
        ['Calendars.ReadWrite'],
        'ErrorAccessDenied',
        'Access is denied. Check credentials and try again.',
      );
      return createEvent(ctx, u.user);
    }

    if (path === '/me/onlineMeetings') {
      const u = delegated(p);
      if (method === 'POST') {
        requireScope(u, meetingScopes.write, 'Forbidden', MEETING_DENIED);
        return createOnlineMeeting(ctx, u.user);
      }
      if (method !== 'GET') throw new GraphHttpError(405, 'Request_BadRequest', 'Method not allowed.');
      requireScope(u, meetingScopes.read, 'Forbidden', MEETING_DENIED);
      return sendJson(ctx.res, 200, filterMeetings(ctx, u.user.id));
    }

    let m = /^\/me\/onlineMeetings\/([^/]+)$/.exec(path);
    if (m) {
      const u = delegated(p);
      const id = decodeURIComponent(m[1] ?? '');
      if (method === 'GET') {
        requireScope(u, meetingScopes.read, 'Forbidden', MEETING_DENIED);
        return sendJson(ctx.res, 200, meetingBody(ownMeeting(u.user.id, id).meeting, u.user.id));
      }
      requireScope(u, meetingScopes.write, 'Forbidden', MEETING_DENIED);
      if (method === 'PATCH') return patchMeeting(ctx, ownMeeting(u.user.id, id));
      if (method === 'DELETE') {
        ownMeeting(u.user.id, id);
        deleteMeeting(env.db, id);
        return sendEmpty(ctx.res, 204, { 'request-id': ctx.requestId });
      }
      throw new GraphHttpError(405, 'Request_BadRequest', 'Method not allowed.');
    }

    m = /^\/users\/([^/]+)(\/onlineMeetings(?:\/([^/]+))?)?$/.exec(path);
    if (m && method === 'GET') {
      const key = decodeURIComponent(m[1] ?? '');
      const target = findUser(env.db, key);
      if (!m[2]) {
        if (p.kind === 'user') {
          requireScope(
            p,
            ['User.Read', 'User.ReadBasic.All', 'User.Read.All'],
            'Authorization_RequestDenied',
            'Insufficient privileges to complete the operation.',
          );
        } else {
          requireScope(
            p,
            ['User.Read.All'],
            'Authorization_RequestDenied',
            'Insufficient privileges to complete the operation.',
          );
        }
        if (!target)
          throw notFound(
            `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
            'Request_ResourceNotFound',
          );
        return sendJson(ctx.res, 200, {
          '@odata.context': ctxUrl('users/$entity'),
          ...select(userResource(target), query(ctx, '$select')),
        });
      }
      if (p.kind === 'user') {
        // Delegated tokens reach only the signed-in user's own meetings.
        requireScope(p, meetingScopes.read, 'Forbidden', MEETING_DENIED);
        if (!target || target.id !== p.user.id)
          throw forbidden('Delegated requests may only read meetings of the signed-in user.');
      } else {
        requireScope(p, ['OnlineMeetings.Read.All', 'OnlineMeetings.ReadWrite.All'], 'Forbidden', MEETING_DENIED);
        if (!target) throw notFound(`User '${key}' was not found.`);
        if (!hasAccessPolicy(env.db, p.appId, target.id)) {
          throw forbidden(
            `Application is not allowed to perform operations on the user '${target.id}', neither is allowed access through RSC permission evaluation. No application access policy grants app '${p.appId}' access (Grant-CsApplicationAccessPolicy).`,
          );
        }
      }
      if (m[3]) {
        return sendJson(ctx.res, 200, meetingBody(ownMeeting(target.id, decodeURIComponent(m[3])).meeting, target.id));
      }
      return sendJson(ctx.res, 200, filterMeetings(ctx, target.id));
    }

    throw badRequest(`Resource not found for the segment '${path.split('/')[1] ?? ''}'.`, 'BadRequest');
  }

  return async function handleGraph(ctx: Ctx): Promise<void> {
    try {
      await route(ctx);
    } catch (e) {
      if (e instanceof GraphHttpError) {
        const headers: Record<string, string> =
          e.status === 401
            ? {
                'www-authenticate': `Bearer realm="", authorization_uri="${env.origin}/oidc/auth", client_id="00000003-0000-0000-c000-000000000000"`,
              }
            : {};
        return graphError(ctx, e.status, e.code, e.message, headers);
      }
      if (e instanceof URIError) return graphError(ctx, 400, 'BadRequest', 'The request URL is not correctly encoded.');
      throw e;
    }
  };
}
