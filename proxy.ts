import { NextResponse, type NextRequest } from 'next/server';
import { hasMalformedEscape } from '@/lib/server/http/malformed-path';

/**
 * Runs before every route. Today it only turns paths with malformed percent-escapes into the answer
 * bad input deserves — 400 JSON for the API, the site's own 404 page for pages — where Next itself
 * would fail with a 500 while decoding the route's parameters.
 */
export function proxy(request: NextRequest): NextResponse | undefined {
  const path = request.nextUrl.pathname;
  if (!hasMalformedEscape(path)) return undefined;
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
  // A path no route matches, so Next renders app/not-found.tsx with a 404.
  return NextResponse.rewrite(new URL('/_malformed-address', request.url));
}

export const config = {
  // Static assets and Next's own files never carry user-typed segments.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
