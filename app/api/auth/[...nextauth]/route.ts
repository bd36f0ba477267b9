import { randomUUID } from 'node:crypto';
import NextAuth from 'next-auth';
import { getToken } from 'next-auth/jwt';
import type { NextRequest } from 'next/server';
import { getConfig } from '@/lib/config.js';
import { continueSignOutAtIdentityProvider } from '@/lib/server/auth/end-session';
import { authOptions } from '@/lib/server/auth/options';
import { toErrorResponse } from '@/lib/server/errors';
import { guardAuthRequest } from '@/lib/server/http/auth-request';
import { log } from '@/lib/server/log';

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * /api/auth/* — next-auth's sign-in, callback, session and sign-out endpoints, behind the same body
 * cap and error mapping as Vestibule's own routes (next-auth would buffer any upload, and answers
 * malformed input with 500).
 */
async function handler(req: NextRequest, ctx: Context): Promise<Response> {
  const requestId = randomUUID();
  try {
    const guarded = await guardAuthRequest(req);
    // Sign-out also ends the sign-in at Microsoft (or the emulator); that needs the ID token,
    // which is gone from the cookie once next-auth has cleared it.
    const signingOut = req.method === 'POST' && (await ctx.params).nextauth?.[0] === 'signout';
    const idToken = signingOut ? await idTokenOf(guarded) : undefined;
    const response = await (NextAuth(authOptions()) as (req: NextRequest, ctx: Context) => Promise<Response>)(
      guarded,
      ctx,
    );
    return signingOut ? await continueSignOutAtIdentityProvider(response, idToken) : response;
  } catch (error) {
    const mapped = toErrorResponse(error, requestId);
    if (mapped.expected) log.info({ requestId, code: mapped.body.error.code }, 'auth request refused');
    else log.error({ requestId, err: error }, 'auth request failed');
    return Response.json(mapped.body, {
      status: mapped.status,
      headers: { ...mapped.headers, 'Cache-Control': 'no-store', 'X-Request-Id': requestId },
    });
  }
}

async function idTokenOf(req: NextRequest): Promise<string | undefined> {
  const token = await getToken({ req, secret: getConfig().sessionSecret });
  return typeof token?.idToken === 'string' ? token.idToken : undefined;
}

export { handler as GET, handler as POST };
