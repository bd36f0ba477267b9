import 'server-only';
import { AppError } from '@/lib/server/errors';

/** The largest body any Vestibule route accepts: forms and JSON of a few fields, never uploads. */
export const MAX_BODY_BYTES = 64 * 1024;

export function bodyTooLarge(): AppError {
  return new AppError('payload_too_large', 'The request body is too large.');
}

/**
 * Reads a request body, refusing it as soon as it passes `maxBytes`. A declared `Content-Length`
 * over the cap is refused before reading anything; a chunked body (no length) is counted while it
 * streams and cancelled at the cap, so the server never holds more than the cap plus one chunk —
 * `arrayBuffer()` would buffer a 500 MB upload first and check afterwards.
 */
export async function readBodyCapped(req: Request, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    await req.body?.cancel().catch(() => undefined);
    throw bodyTooLarge();
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw bodyTooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
