import { z } from 'zod';

import type { SurfaceName } from './context';

export const FaultSchema = z
  .object({
    surface: z.enum(['graph', 'acs', 'oidc', 'mail']),
    status: z.number().int().min(400).max(599).optional(),
    delayMs: z.number().int().min(0).max(60_000).optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    count: z.number().int().min(1).max(10_000),
    pathPrefix: z.string().min(1).optional(),
  })
  .refine((f) => f.status !== undefined || f.delayMs !== undefined || f.retryAfterSeconds !== undefined, {
    message: 'Give at least one of status, delayMs or retryAfterSeconds.',
  });

export type FaultInput = z.infer<typeof FaultSchema>;

/** What a matched fault asks the server to do with one request. */
export type FaultAction = { status?: number; delayMs: number; retryAfterSeconds?: number };

type Fault = FaultInput & { id: number; remaining: number };

/**
 * Fault injection: each fault applies to the next `count` requests of its surface (optionally only
 * paths starting with `pathPrefix`, matched against the full request path). Faults are process
 * state, not persisted: a restart clears them, as tests expect.
 */
export class Faults {
  #faults: Fault[] = [];
  #next = 1;

  add(input: FaultInput): { id: number } {
    const id = this.#next++;
    this.#faults.push({ ...input, id, remaining: input.count });
    return { id };
  }

  clear(): void {
    this.#faults = [];
  }

  list(): Array<FaultInput & { id: number; remaining: number }> {
    return this.#faults.map((f) => ({ ...f }));
  }

  /** Consumes one use of the first fault matching this request, if any. */
  take(surface: SurfaceName, path: string): FaultAction | undefined {
    const f = this.#faults.find((x) => x.surface === surface && (!x.pathPrefix || path.startsWith(x.pathPrefix)));
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.#faults = this.#faults.filter((x) => x !== f);
    const status = f.status ?? (f.retryAfterSeconds !== undefined ? 429 : undefined);
    return { status, delayMs: f.delayMs ?? 0, retryAfterSeconds: f.retryAfterSeconds };
  }
}
