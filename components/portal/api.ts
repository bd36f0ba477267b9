'use client';

import type { ErrorBody } from '@/lib/api/errors';

/** A refused or failed request: the status (0: no answer at all), the API's error code and words. */
export interface ApiFailure {
  ok: false;
  status: number;
  code?: string;
  message: string;
  fields?: Record<string, string>;
  retryAfterSeconds?: number;
}

export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

/**
 * fetch for the staff pages: JSON in, JSON out, and every failure (including the network) turned
 * into a message a person can read — never a thrown exception or a stack trace in the UI.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, message: 'Vestibule could not be reached. Check your connection and try again.' };
  }
  if (res.status === 204) return { ok: true, data: undefined as T };
  const body = (await res.json().catch(() => undefined)) as unknown;
  if (res.ok) return { ok: true, data: body as T };
  // A proxy or the platform may answer instead of Vestibule, so the error shape is not taken for granted.
  const error = (body as Partial<ErrorBody> | undefined)?.error;
  const retryAfter = Number(res.headers.get('Retry-After'));
  return {
    ok: false,
    status: res.status,
    code: error?.code,
    message: error?.message ?? `Something went wrong (HTTP ${res.status}). Try again.`,
    fields: error?.fields,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  };
}
