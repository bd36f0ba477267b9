import fc from 'fast-check';
import { expect, test } from '../fixtures';
import { APP_URL } from '../../playwright.config';
import { createStaff, signInAsStaff } from '../support/emulator';
import { apiRoutes } from './inventory';

/**
 * Property-based fuzzing of every API route (fast-check): malformed ids and %-escapes in the path,
 * odd query strings, wrong or missing content types, bodies that are random JSON, text or bytes, with
 * and without a staff session. The property: no request gets a 5xx. Requests are generated from a
 * printed seed, so a failure can be replayed with FUZZ_SEED.
 */
const RUNS_PER_ROUTE = 500;
const PARALLEL = 4;

const segment = fc.oneof(
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.stringMatching(/^[%0-9A-Fa-f.\-_~zZ]{0,24}$/),
  fc.constantFrom('%ff', '%E0%A4%A', '%C3%28', '%00', '..', '.', '%2e%2e', 'AAMk%2F%3D', '0'.repeat(300)),
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record({ email: fc.string(), code: fc.string(), token: fc.string(), guests: fc.anything({ maxDepth: 2 }) })
    .map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
);
const contentType = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-16',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
  ),
  fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
);
const query = fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 4 });

function requestFor(route: string) {
  const [routeMethod, pattern] = route.split(' ') as [string, string];
  return fc
    .record({
      method:
        routeMethod === '*'
          ? fc.constantFrom('GET', 'POST')
          : fc.oneof(fc.constant(routeMethod), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH')),
      params: fc.array(segment, { minLength: 1, maxLength: 3 }),
      query,
      contentType,
      body,
      asStaff: fc.boolean(),
    })
    .map((r) => {
      const path = pattern.replace('[...nextauth]', r.params.join('/')).replace(/\[\w+\]/g, () => r.params[0] ?? 'x');
      const qs = new URLSearchParams(r.query).toString();
      return { ...r, url: `${APP_URL}${path}${qs ? `?${qs}` : ''}` };
    });
}

test('fuzzing every API route never gets a 5xx', async ({ page }) => {
  test.setTimeout(600_000);
  await signInAsStaff(page, await createStaff('Fuzz Tester'));
  const staffCookie = (await page.context().cookies(APP_URL)).map((c) => `${c.name}=${c.value}`).join('; ');
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const failures: string[] = [];
  let cases = 0;
  const started = Date.now();
  for (const route of apiRoutes()) {
    const samples = fc.sample(requestFor(route), { numRuns: RUNS_PER_ROUTE, seed });
    for (let i = 0; i < samples.length; i += PARALLEL) {
      await Promise.all(
        samples.slice(i, i + PARALLEL).map(async (r) => {
          const hasBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
          const res = await fetch(r.url, {
            method: r.method,
            headers: {
              ...(r.contentType ? { 'content-type': r.contentType } : {}),
              ...(r.asStaff ? { cookie: staffCookie } : {}),
            },
            body: hasBody ? r.body : undefined,
            redirect: 'manual',
          });
          await res.arrayBuffer();
          cases++;
          if (res.status >= 500) failures.push(`${res.status} ${r.method} ${r.url} (${r.contentType ?? 'no type'})`);
        }),
      );
    }
  }
  console.log(
    `fuzz: ${cases} requests over ${apiRoutes().length} routes (seed ${seed}), ${failures.length} × 5xx, ${Math.round((Date.now() - started) / 1000)} s`,
  );
  expect(failures.slice(0, 20)).toEqual([]);
});
