import 'server-only';
import { NextRequest } from 'next/server';
import { AppError } from '@/lib/server/errors';
import { MAX_BODY_BYTES, readBodyCapped } from './body';

/**
 * What next-auth's route handler may be given. next-auth reads any body in full (`req.json()` /
 * `req.text()`) and turns a JSON content type with a non-JSON body into a 500; so the body is read
 * here first, under the same cap as every other route, checked, and handed on as bytes in a rebuilt
 * request. next-auth takes headers and cookies from `next/headers`, and the URL from `nextUrl`.
 */
export async function guardAuthRequest(req: Request, maxBytes = MAX_BODY_BYTES): Promise<NextRequest> {
  assertCallbackUrlShape(new URL(req.url).searchParams.get('callbackUrl'));
  if (req.method === 'GET' || req.method === 'HEAD') return req instanceof NextRequest ? req : new NextRequest(req);
  const bytes = await readBodyCapped(req, maxBytes);
  if (/\bapplication\/json\b/i.test(req.headers.get('content-type') ?? '')) {
    try {
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      throw new AppError('bad_request', 'The request body must be JSON.');
    }
  }
  const headers = new Headers(req.headers);
  headers.delete('transfer-encoding');
  headers.set('content-length', String(bytes.byteLength));
  return new NextRequest(req.url, { method: req.method, headers, body: bytes });
}

/**
 * next-auth passes `?callbackUrl=` of any endpoint to the redirect callback. Where it goes is judged
 * there (safeReturnPath); here a value that is neither a path nor an absolute URL is refused as the
 * malformed input it is, rather than silently replaced.
 */
function assertCallbackUrlShape(value: string | null): void {
  if (value === null || value.startsWith('/') || URL.canParse(value)) return;
  throw new AppError('bad_request', 'callbackUrl must be a path of this site.');
}
