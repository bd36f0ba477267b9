import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from '@/lib/config.js';
import { hasMalformedEscape } from '@/lib/server/http/malformed-path';
import { newNonce, securityHeaders } from '@/lib/server/http/security-headers';

/**
 * Runs before every route. It sets the per-request security headers (a CSP with a fresh script nonce,
 * and HSTS/COOP in Azure mode) and turns paths with malformed percent-escapes into the answer bad
 * input deserves — 400 JSON for the API, the site's own 404 page for pages — where Next itself would
 * fail with a 500 while decoding the route's parameters.
 */
export function proxy(request: NextRequest): NextResponse {
  const config = getConfig();
  const headers = securityHeaders({
    cloud: config.cloud,
    appUrl: config.appUrl,
    emulatorUrl: config.emulatorUrl,
    issuer: config.entra.issuer,
    nonce: newNonce(),
  });
  const response = answer(request, headers['Content-Security-Policy']);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function answer(request: NextRequest, csp: string): NextResponse {
  const path = request.nextUrl.pathname;
  if (!hasMalformedEscape(path)) {
    // Next reads the nonce from the request's CSP header while rendering and puts it on its scripts
    // (every page renders per request: app/layout.tsx is force-dynamic).
    const forwarded = new Headers(request.headers);
    forwarded.set('Content-Security-Policy', csp);
    return NextResponse.next({ request: { headers: forwarded } });
  }
  if (path.startsWith('/api/')) {
    return NextResponse.json(
      {
        error: {
          code: 'bad_request',
          message: 'The address has a malformed %-escape.',
          requestId: crypto.randomUUID(),
        },
      },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  // A path no route matches, so Next renders app/not-found.tsx with a 404. Its scripts need the
  // nonce too.
  const forwarded = new Headers(request.headers);
  forwarded.set('Content-Security-Policy', csp);
  return NextResponse.rewrite(new URL('/_malformed-address', request.url), { request: { headers: forwarded } });
}

export const config = {
  // Static assets and Next's own files never carry user-typed segments.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
