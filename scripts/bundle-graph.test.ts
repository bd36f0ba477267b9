import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gzipBytes, measure, reachable, readBuild } from './bundle-graph';
import { sizeRows } from './check-bundle-size';

/** A tiny `.next/` in Turbopack's shapes: root files, a page manifest, chunks with `import()` loaders. */
const dir = mkdtempSync(path.join(tmpdir(), 'bundle-graph-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chunk = (modules: string) =>
  `(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push(["object"==typeof document?document.currentScript:void 0,${modules}]);`;
const loader = (id: number, chunks: string[]) =>
  `${id},e=>{e.v(t=>Promise.all([${chunks.map((c) => `"static/chunks/${c}"`).join(',')}].map(t=>e.l(t))).then(()=>t(${id + 1})))}`;
const noise = (n: number) => Array.from({ length: n }, (_, i) => `${(i * 7919) % 10007}`).join(',');

const files: Record<string, string> = {
  'root.js': chunk(`1,e=>{"framework ${noise(200)}"}`),
  'page.js': chunk(`2,e=>{"guest page"},${loader(10, ['call.js', 'sdk.js'])}`),
  'call.js': chunk(`3,e=>{"composite ${noise(300)}"},${loader(20, ['local.js'])},${loader(30, ['azure.js'])}`),
  'sdk.js': chunk(`4,e=>{"CallingSDKWeb ${noise(3000)}"},5,e=>{"a helper bundled with it"}`),
  'local.js': chunk(`6,e=>{"vestibuleRemoteAudio ${noise(100)}"}`),
  'azure.js': chunk(`7,e=>{"AzureCommunicationCallAdapter ${noise(400)}"}`),
};

function writeBuild(pages: Record<string, string[]>) {
  mkdirSync(path.join(dir, 'static', 'chunks'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, 'static', 'chunks', name), text);
  writeFileSync(
    path.join(dir, 'build-manifest.json'),
    JSON.stringify({ rootMainFiles: ['static/chunks/root.js'], polyfillFiles: ['static/chunks/polyfill.js'] }),
  );
  for (const [route, entry] of Object.entries(pages)) {
    const at = path.join(dir, 'server', 'app', ...route.split('/').filter(Boolean));
    mkdirSync(at, { recursive: true });
    const manifest = { entryJSFiles: { '[project]/app/layout': [], [`[project]/app${route}/page`]: entry } };
    writeFileSync(
      path.join(at, 'page_client-reference-manifest.js'),
      `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST["${route}/page"] = ${JSON.stringify(manifest)};`,
    );
  }
}

writeBuild({
  '/join/[shareId]': ['static/chunks/page.js'],
  '/portal/meetings/[meetingId]/call': ['static/chunks/page.js'],
});
const gz = (name: string) => gzipBytes(files[name]!);

describe("reading a production build's chunk graph", () => {
  it("finds each page's initial JS: Next's root files plus the page's entry chunks (no nomodule polyfills)", () => {
    const graph = readBuild(dir);
    expect(graph.routes.get('/join/[shareId]')).toEqual(['static/chunks/root.js', 'static/chunks/page.js']);
  });

  it('follows dynamic imports through every loader, or around the ones it is told to skip', () => {
    const graph = readBuild(dir);
    const start = graph.routes.get('/join/[shareId]')!;
    expect(reachable(graph, start).sort()).toEqual(
      ['root.js', 'page.js', 'call.js', 'sdk.js', 'local.js', 'azure.js'].map((c) => `static/chunks/${c}`).sort(),
    );
    expect(reachable(graph, start, (l) => l.includes('static/chunks/azure.js'))).not.toContain(
      'static/chunks/azure.js',
    );
  });

  it('counts the Calling SDK module apart, and the rest of its chunk with the page', () => {
    const graph = readBuild(dir);
    const { rest, excluded } = measure(graph, ['static/chunks/sdk.js'], (m) => m.includes('CallingSDKWeb'));
    expect(rest + excluded).toBe(gz('sdk.js'));
    expect(excluded).toBeGreaterThan(gz('sdk.js') * 0.8);
    expect(rest).toBeGreaterThan(0);
  });

  it("reports each cloud's call page without the other cloud's adapter", () => {
    const rows = sizeRows(readBuild(dir)).filter((r) => r.route === '/join/[shareId]');
    const local = rows.find((r) => r.what.includes('local'))!;
    const azure = rows.find((r) => r.what.includes('azure'))!;
    const shared = ['root.js', 'page.js', 'call.js'].reduce((sum, c) => sum + gz(c), 0);
    // Both include the shared code and not the SDK module; each includes only its own adapter.
    expect(local.kb * 1024).toBeGreaterThan(shared + gz('local.js') - 1);
    expect(local.kb * 1024).toBeLessThan(shared + gz('local.js') + gz('sdk.js') * 0.2);
    expect(azure.kb * 1024).toBeGreaterThan(shared + gz('azure.js') - 1);
    expect(azure.kb * 1024).toBeLessThan(shared + gz('azure.js') + gz('sdk.js') * 0.2);
  });
});
