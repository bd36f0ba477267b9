/**
 * Reads a production build's client chunk graph (`.next/`, Turbopack's output, Next's default
 * bundler) the way Chromium meets it: the JavaScript a route's HTML loads (Next's root main files plus
 * the route's entry chunks from its client reference manifest) and everything its dynamic imports can
 * load after. Sizes are gzip -9 of each file, what Chromium fetches with `Accept-Encoding: gzip`
 * behind a compressing proxy. Polyfill chunks are left out: Next loads them with `nomodule`, which
 * Chromium skips.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';

export interface BuildGraph {
  dir: string;
  /** Route (e.g. `/join/[shareId]`) → the chunks its HTML loads. */
  routes: Map<string, string[]>;
}

/** A set of chunks a dynamic import loads together (Turbopack's async loader module). */
type Loader = string[];

const CHUNK_LIST = /\[((?:"static\/chunks\/[\w.-]+\.js",?)+)\]/g;

export function readBuild(dir = '.next'): BuildGraph {
  const manifestPath = path.join(dir, 'build-manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run \`npm run build\` first.`);
  const build = JSON.parse(readFileSync(manifestPath, 'utf8')) as { rootMainFiles: string[] };
  const routes = new Map<string, string[]>();
  const appDir = path.join(dir, 'server', 'app');
  for (const file of walk(appDir)) {
    if (!file.endsWith('page_client-reference-manifest.js')) continue;
    const route = '/' + path.relative(appDir, path.dirname(file)).split(path.sep).join('/');
    if (route.startsWith('/_')) continue;
    const sandbox: {
      globalThis?: unknown;
      __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }>;
    } = {};
    sandbox.globalThis = sandbox;
    runInNewContext(readFileSync(file, 'utf8'), sandbox);
    const manifest = Object.values(sandbox.__RSC_MANIFEST ?? {})[0];
    if (!manifest) throw new Error(`${file} holds no client reference manifest`);
    const entry = Object.values(manifest.entryJSFiles).flat();
    routes.set(route === '/' ? '/' : route.replace(/\/$/, ''), unique([...build.rootMainFiles, ...entry]));
  }
  return { dir, routes };
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

const unique = <T>(xs: T[]) => [...new Set(xs)];

const textCache = new Map<string, string>();
export function chunkText(graph: BuildGraph, chunk: string): string {
  let text = textCache.get(chunk);
  if (text === undefined) {
    text = readFileSync(path.join(graph.dir, chunk), 'utf8');
    textCache.set(chunk, text);
  }
  return text;
}

export const gzipBytes = (text: string) => gzipSync(text, { level: 9 }).length;

/** The dynamic-import loaders a chunk holds: each is the list of chunks one `import()` fetches. */
export function loadersIn(text: string): Loader[] {
  return [...text.matchAll(CHUNK_LIST)].map((m) =>
    [...m[1]!.matchAll(/"(static\/chunks\/[\w.-]+\.js)"/g)].map((x) => x[1]!),
  );
}

/**
 * Every chunk `start` can end up loading, following dynamic imports, except through loaders `skip`
 * refuses (e.g. the other cloud's adapter).
 */
export function reachable(
  graph: BuildGraph,
  start: string[],
  skip: (loader: Loader) => boolean = () => false,
): string[] {
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length) {
    const chunk = queue.shift()!;
    for (const loader of loadersIn(chunkText(graph, chunk))) {
      if (skip(loader)) continue;
      for (const next of loader) if (!seen.has(next) && (seen.add(next), true)) queue.push(next);
    }
  }
  return [...seen];
}

/**
 * A chunk's modules (Turbopack pushes `[script, id, factory, …]` onto globalThis.TURBOPACK),
 * with each factory's source text. Evaluating a chunk only pushes: no module runs.
 */
export function modulesOf(text: string): { id: unknown; source: string }[] {
  if (!text.startsWith('(globalThis.TURBOPACK')) return [];
  const sandbox: { globalThis?: unknown; TURBOPACK?: unknown[][] } = {};
  sandbox.globalThis = sandbox;
  runInNewContext(text, sandbox);
  const modules: { id: unknown; source: string }[] = [];
  for (const push of sandbox.TURBOPACK ?? []) {
    // One factory may serve several ids: `[script, id, id, factory, id, factory, …]`.
    let ids: unknown[] = [];
    for (const item of push.slice(1)) {
      if (typeof item === 'function') {
        modules.push({ id: ids.length === 1 ? ids[0] : ids, source: String(item) });
        ids = [];
      } else ids.push(item);
    }
  }
  return modules;
}

/** gzip -9 bytes of `chunks`, split into the modules `isExcluded` picks out and the rest. */
export function measure(
  graph: BuildGraph,
  chunks: string[],
  isExcluded: (moduleSource: string) => boolean = () => false,
): { rest: number; excluded: number } {
  let rest = 0;
  let excluded = 0;
  for (const chunk of chunks) {
    const text = chunkText(graph, chunk);
    const whole = gzipBytes(text);
    const picked = modulesOf(text).filter((m) => isExcluded(m.source));
    if (picked.length === 0) {
      rest += whole;
      continue;
    }
    let remaining = text;
    for (const m of picked) remaining = remaining.replace(m.source, '0');
    const without = gzipBytes(remaining);
    rest += without;
    excluded += whole - without;
  }
  return { rest, excluded };
}
