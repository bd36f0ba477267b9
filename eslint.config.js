// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.next/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through lib/config.js (getConfig()), never process.env directly.',
        },
      ],
    },
  },
  {
    files: ['app/**', 'lib/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/emulator/*', '**/emulator/**'], message: 'The app only reaches the emulator over its URLs.' },
          ],
        },
      ],
    },
  },
  {
    // The emulator decides everything as strictly as the real service; the one app module it shares
    // is the wire contract (lib/contracts). Its tests may read app modules to check both sides agree.
    files: ['emulator/**'],
    ignores: ['emulator/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@/|(\\.\\./)+)lib/(?!contracts/)',
              message: 'The emulator imports only lib/contracts/** from the app.',
            },
          ],
        },
      ],
    },
  },
  {
    // Browser code must never pull in server code or secrets, and the app never imports the emulator.
    // After the app/lib block on purpose: a later block's rule replaces an earlier one's for the same
    // files, and lib/calling and lib/api are under lib/ too.
    // No exception for `import type`: the API's JSON shapes live in lib/api (plain types), so client
    // code never has a reason to name a server module. lib/api is imported by both sides, so it obeys too.
    files: ['components/**', 'lib/calling/**', 'lib/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/server/*', '@/lib/server', '**/lib/server/**'],
              message: 'Client code cannot import server code, not even types: put API shapes in lib/api.',
            },
            {
              group: ['@/lib/config*', '**/lib/config*'],
              message: 'Pass the values a component needs as props from a server page.',
            },
            { group: ['@/emulator/*', '**/emulator/**'], message: 'The app only reaches the emulator over its URLs.' },
          ],
        },
      ],
    },
  },
  {
    // The config module, scripts, the emulator (its own process with its own config module) and
    // Next's instrumentation hook are where the environment is legitimately read.
    files: [
      'lib/config.js',
      'scripts/**',
      'emulator/**',
      'instrumentation.ts',
      '*.config.{js,ts}',
      'e2e/**',
      '**/*.test.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Asymmetric matchers (expect.stringContaining, expect.any) are typed `any` by design.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
