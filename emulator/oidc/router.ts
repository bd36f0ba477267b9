import type { IncomingMessage } from 'node:http';

import type Provider from 'oidc-provider';
import { z } from 'zod';

import type { EmulatorContext } from '../context';
import { escapeHtml, readForm, sendHtml, type Ctx } from '../http';
import { authenticate } from '../store/users';
import { page } from './provider';

const LoginForm = z.object({ username: z.string().trim().min(1).max(320), password: z.string().min(1).max(512) });

function loginPage(uid: string, opts: { username?: string; error?: string; clientName?: string }): string {
  const error = opts.error ? `<p class="error" role="alert" id="login-error">${escapeHtml(opts.error)}</p>` : '';
  const describedBy = opts.error ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  return page(
    'Sign in',
    `<h1>Sign in</h1>
<p>to continue to ${escapeHtml(opts.clientName ?? 'Vestibule')} · Contoso (emulated)</p>
${error}
<form method="post" action="/oidc/interaction/${encodeURIComponent(uid)}/login" novalidate>
  <label for="username">Email or username (UPN)</label>
  <input id="username" name="username" type="email" autocomplete="username" required value="${escapeHtml(opts.username ?? '')}"${describedBy}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
  <button type="submit">Sign in</button>
</form>
<p class="note">Local emulator of Microsoft Entra ID. Seeded users use the dev-only password documented in emulator/README.md.</p>`,
  );
}

/** Session cookie problems become a readable page instead of a stack trace. */
function expiredPage(): string {
  return page(
    'Sign-in expired',
    '<h1>This sign-in has expired</h1><p role="alert">Go back to the application and start signing in again.</p>',
  );
}

export function createOidcHandler(env: EmulatorContext, provider: Provider) {
  const callback = provider.callback();

  async function interaction(ctx: Ctx, uid: string, action: string | undefined): Promise<void> {
    const { req, res } = ctx;
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return sendHtml(res, 400, expiredPage());
    }
    if (details.uid !== uid) return sendHtml(res, 400, expiredPage());
    const clientId = typeof details.params.client_id === 'string' ? details.params.client_id : '';
    const clientName = clientId === env.clientId ? 'Vestibule' : clientId;

    if (details.prompt.name === 'consent') {
      // Consent is auto-granted (see loadExistingGrant); this only runs if a client forces prompt=consent.
      const grant = new provider.Grant({ clientId, accountId: details.session?.accountId ?? '' });
      const scope = typeof details.params.scope === 'string' ? details.params.scope : '';
      grant.addOIDCScope(
        scope
          .split(' ')
          .filter((s) => ['openid', 'profile', 'email', 'offline_access'].includes(s))
          .join(' '),
      );
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }

    if (action !== 'login' || ctx.method !== 'POST') {
      if (ctx.method !== 'GET' || action) return sendHtml(res, 405, page('Not allowed', '<h1>Method not allowed</h1>'));
      return sendHtml(
        res,
        200,
        loginPage(uid, {
          clientName,
          username: typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined,
        }),
      );
    }

    const form = LoginForm.safeParse(Object.fromEntries(await readForm(req)));
    if (!form.success) {
      return sendHtml(res, 400, loginPage(uid, { clientName, error: 'Enter your username and your password.' }));
    }
    const user = authenticate(env.db, form.data.username, form.data.password);
    if (!user) {
      env.log.info({ username: form.data.username }, 'oidc: wrong credentials');
      return sendHtml(
        res,
        401,
        loginPage(uid, {
          clientName,
          username: form.data.username,
          error: 'Your username or password is incorrect. Check them and try again.',
        }),
      );
    }
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.id } },
      { mergeWithLastSubmission: false },
    );
  }

  return async function handleOidc(ctx: Ctx): Promise<void> {
    const m = /^\/interaction\/([^/]+)(?:\/([a-z]+))?$/.exec(ctx.path);
    if (m) return interaction(ctx, m[1] ?? '', m[2]);
    // Mounting under /oidc on a plain node server: oidc-provider derives its mount path from
    // `req.originalUrl` minus `req.url` (lib/helpers/oidc_context.js urlFor), as with express.
    const req = ctx.req as IncomingMessage & { originalUrl?: string };
    req.originalUrl = req.url;
    req.url = ctx.path + ctx.url.search;
    await new Promise<void>((resolve) => {
      ctx.res.on('close', resolve);
      ctx.res.on('finish', resolve);
      callback(req, ctx.res);
    });
  };
}
