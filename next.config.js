// @ts-check
import createNextIntlPlugin from 'next-intl/plugin';
import { ConfigError, getConfig } from './lib/config.js';

// next-intl without i18n routing: URLs carry no language prefix (invitation links stay /join/{id});
// lib/i18n/request.ts picks the language per request.
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

// Validate the environment before Next serves or builds anything: a bad value stops the process here
// with one message naming every bad variable, instead of failing on the first request that needs it.
try {
  getConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The container image (Dockerfile) and `npm run start:standalone` run .next/standalone/server.js: a
  // self-contained server with only the node_modules files the server actually loads, traced by Next.
  output: 'standalone',
  // better-sqlite3 loads its native addon through `bindings`, which probes paths at run time that the
  // tracer cannot see; name the addon so a standalone server can still open a SQLite file.
  outputFileTracingIncludes: {
    '/**': ['./node_modules/better-sqlite3/build/Release/better_sqlite3.node'],
  },
  pageExtensions: ['tsx', 'ts'],
  poweredByHeader: false,
  experimental: {
    // With a proxy (proxy.ts) Next copies every request body into memory for it (10 MB by default)
    // before the route runs, and past this limit silently drops the rest — including the whole chunk
    // that crossed it. 256 KB keeps that copy small while a cut-off body still holds more than the
    // largest body any route accepts (MAX_BODY_BYTES, 64 KB, in lib/server/http/body.ts) plus a
    // socket chunk (64 KB), so the route sees it as too large (413) rather than as a shorter body.
    proxyClientMaxBodySize: 256 * 1024,
    // `next dev` keeps Turbopack's compiled state in .next/dev/cache between runs by default. Issue #13
    // saw every page reload itself twice a second after a restart ("HMR hash mismatch": a page's
    // subscription carried an HMR version the server had moved past) until .next was deleted. With
    // Next 16.4.6 that loop did not come back with the cache on (`npm run check:dev-restart`, with
    // --keep-cache, --edit-while-stopped and --data-dir data: one reload, for the new server, then
    // none), so the cause is not pinned down; the report predates dev stopping next-server with its
    // process group (scripts/serve.mjs), and a leftover server writing into .next/ fits it too. Off
    // until that is settled, at a price: each dev start compiles afresh (the first page took ~75 s
    // on the loaded 2-core machine, against ~10 s with the cache). `npm run demo` is the quick way.
    turbopackFileSystemCacheForDev: false,
  },
  // Native and Node-only server packages stay out of the server bundle.
  serverExternalPackages: ['better-sqlite3', 'pg', 'pino', 'nodemailer', '@azure/communication-identity'],
  typescript: {
    // `npm run typecheck` is the type gate (CI runs it before the build); the build need not repeat it.
    ignoreBuildErrors: true,
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Frame-Options', value: 'DENY' },
          // Guests use camera, microphone and screen capture on this origin only.
          {
            key: 'Permissions-Policy',
            value: 'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
          },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
