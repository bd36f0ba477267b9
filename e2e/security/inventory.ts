import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every route and page of the app, read from app/ itself: the attack suite compares its tables with
 * this, so a route or page added without an entry fails the suite instead of going untested.
 */
const APP_DIR = fileURLToPath(new URL('../../app', import.meta.url));

function files(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full, name);
    return entry.name === name ? [full] : [];
  });
}

/** `app/api/shares/[shareId]/route.ts` → `/api/shares/[shareId]` (route groups `(x)` dropped). */
function routePattern(file: string): string {
  const rel = path.relative(APP_DIR, path.dirname(file)).split(path.sep);
  const segments = rel.filter((s) => s !== '' && !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

/** `GET /api/meetings`, `POST /api/meetings/[meetingId]/shares`, … (next-auth's catch-all: `* /api/auth/[...nextauth]`). */
export function apiRoutes(): string[] {
  return files(APP_DIR, 'route.ts')
    .flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      const methods = [
        ...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => m[1]);
      const exported = /export \{[^}]*\b(GET|POST)\b[^}]*\}/.exec(source);
      return (methods.length > 0 ? methods : exported ? ['*'] : []).map((m) => `${m} ${routePattern(file)}`);
    })
    .sort();
}

/** `/`, `/join/[shareId]`, `/portal/meetings/[meetingId]/call`, … */
export function pages(): string[] {
  return files(APP_DIR, 'page.tsx').map(routePattern).sort();
}
