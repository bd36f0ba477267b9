import 'server-only';
import { expect } from 'vitest';
import { AppError } from '@/lib/server/errors';

/** Test helpers for the body cap (imported by *.test.ts only). */
export const CHUNK = 16 * 1024;

/** A chunked upload that would produce `totalBytes` if read to the end; counts what was pulled. */
export function endlessUpload(totalBytes: number) {
  const seen = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(CHUNK).fill(0x61);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= totalBytes) return controller.close();
      seen.pulled += CHUNK;
      controller.enqueue(chunk);
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  const request = new Request('http://localhost:3000/api/auth/signin/entra', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, seen };
}

export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
