import 'server-only';

/**
 * One value per server process. Next bundles route handlers and pages separately, so a plain
 * module-level `const cache = new Map()` can exist once per bundle: a cache cleared by an API route
 * would still be full in the page that renders next. Keeping such state on `globalThis` under a
 * registered symbol gives every bundle the same instance.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`vestibule.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return (store[key] ??= create());
}
