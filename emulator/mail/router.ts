import { z } from 'zod';

import type { EmulatorContext } from '../context';
import { escapeHtml, sendEmpty, sendHtml, sendJson, type Ctx } from '../http';
import { clearMail, listMail } from './store';

const ListQuery = z.object({ to: z.string().trim().min(1).max(320).optional() });

export function mailError(ctx: Ctx, status: number, code: string, message: string): void {
  sendJson(ctx.res, status, { error: { code, message } });
}

export function createMailHandler(env: EmulatorContext) {
  return function handleMail(ctx: Ctx): Promise<void> {
    handle(ctx);
    return Promise.resolve();
  };

  function handle(ctx: Ctx): void {
    const { path, method } = ctx;
    if (path === '/messages') {
      if (method === 'DELETE') {
        clearMail(env.db);
        return sendEmpty(ctx.res, 204);
      }
      if (method !== 'GET') return mailError(ctx, 405, 'MethodNotAllowed', 'Use GET or DELETE.');
      const q = ListQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
      if (!q.success) return mailError(ctx, 400, 'BadRequest', 'The to parameter is not valid.');
      return sendJson(ctx.res, 200, { value: listMail(env.db, q.data.to) });
    }
    if ((path === '/' || path === '') && method === 'GET') {
      const q = ListQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
      const to = q.success ? q.data.to : undefined;
      const messages = listMail(env.db, to);
      const items = messages
        .map(
          (m) => `<li><article aria-labelledby="m-${m.id}">
<h2 id="m-${m.id}">${escapeHtml(m.subject || '(no subject)')}</h2>
<p><strong>From:</strong> ${escapeHtml(m.from)} · <strong>To:</strong> ${escapeHtml(m.to.join(', '))} ·
<time datetime="${m.receivedDateTime}">${escapeHtml(new Date(m.receivedDateTime).toUTCString())}</time></p>
<pre>${escapeHtml(m.text)}</pre>
${m.attachments.length ? `<p><strong>Attachments:</strong> ${m.attachments.map((a) => escapeHtml(`${a.filename ?? 'unnamed part'} (${a.contentType}${a.method ? `, method ${a.method}` : ''})`)).join(', ')}</p>` : ''}
${m.links.length ? `<p>Links:</p><ul>${m.links.map((l) => `<li><a href="${escapeHtml(l)}">${escapeHtml(l)}</a></li>`).join('')}</ul>` : ''}
</article></li>`,
        )
        .join('\n');
      return sendHtml(
        ctx.res,
        200,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mailbox · Vestibule emulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}ol{list-style:none;padding:0}article{border-bottom:1px solid #ccc;padding:1rem 0}pre{white-space:pre-wrap}</style></head>
<body><main><h1>Mailbox${to ? ` for ${escapeHtml(to)}` : ''}</h1>
<form method="get" action="/mailbox"><label for="to">Recipient</label> <input id="to" name="to" type="email" value="${escapeHtml(to ?? '')}"> <button type="submit">Filter</button></form>
<p>SMTP: localhost:${env.smtpPort} · ${messages.length} message${messages.length === 1 ? '' : 's'}, newest first.</p>
${messages.length ? `<ol>${items}</ol>` : '<p>No messages.</p>'}
</main></body></html>`,
      );
    }
    return mailError(ctx, 404, 'NotFound', 'No such mailbox resource.');
  }
}
