import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // `server-only` throws when imported outside a React Server Component bundle; unit tests
      // exercise server modules directly, so it resolves to an empty module here.
      'server-only': fileURLToPath(new URL('./scripts/empty-module.js', import.meta.url)),
    },
  },
  test: {
    include: ['{lib,emulator,app,components,scripts,deploy}/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Integration tests start real servers (emulator, PostgreSQL): give them room on a 2-core machine.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
