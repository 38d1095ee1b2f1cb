// ESLint flat config (ESLint 9, typescript-eslint 8). `npm run lint` runs it with --max-warnings 0.
// Non-type-aware on purpose: the type-aware presets re-run the TypeScript program, minutes on 2 cores;
// `tsc --noEmit` already checks the types.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const SOURCE = ['**/*.ts', '**/*.tsx', '**/*.mjs'];

// Import boundaries (README, Layout): lib/ is pure TypeScript, so it imports neither components/ nor app/;
// components/ render and never import a page from app/. Both the '@/' alias and relative paths are caught.
const importsOf = (folders) => folders.flatMap((f) => [`@/${f}`, `@/${f}/**`, `**/${f}`, `**/${f}/**`]);
const boundary = (folders, why) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: importsOf(folders), message: why }] }],
});

// String tables: one object of messages per language in each file, so their length is the length
// of the text they hold. They are exempt from max-lines by name.
const STRING_TABLES = [
  'lib/i18n/acceleration.ts',
  'lib/i18n/attention.ts',
  'lib/i18n/common.ts',
  'lib/i18n/lm.ts',
  'lib/i18n/moe.ts',
  'lib/i18n/pruning.ts',
  'lib/i18n/teach.ts',
  'lib/i18n/training.ts',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      'out/**',
      'public/**',
      'bench/pack/**',
      'bench/out/**',
      'playwright-report/**',
      'test-results/**',
      'next-env.d.ts',
    ],
  },
  {
    files: SOURCE,
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // React code only: workers (*.worker.ts) are not React, and their use*Backend calls are not hooks
    files: ['app/**/*.tsx', 'components/**/*.tsx', 'components/**/*.ts'],
    ignores: ['**/*.worker.ts'],
    plugins: { 'react-hooks': reactHooks, '@next/next': nextPlugin },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      ...nextPlugin.configs.recommended.rules,
    },
  },
  { files: ['lib/**'], rules: boundary(['components', 'app'], 'lib/ is pure TypeScript: it imports neither components/ nor app/.') },
  { files: ['components/**'], rules: boundary(['app'], 'components/ do not import app/ (pages import components, not the reverse).') },
  {
    // `/` is outside the locale layout: plain links to /en and /zh, which work without JS and prefetch nothing
    files: ['app/(root)/page.tsx'],
    rules: { '@next/next/no-html-link-for-pages': 'off' },
  },
  {
    // Deliberate: a WebGPU validation error popped in `finally` replaces the run's own error, being its cause.
    files: ['lib/kernels/moe/moe-check.ts', 'lib/kernels/moe/run-moe-swiglu.ts'],
    rules: { 'no-unsafe-finally': 'off' },
  },
  { files: STRING_TABLES, rules: { 'max-lines': 'off' } },
  prettier,
);
