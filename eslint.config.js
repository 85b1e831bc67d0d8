// Lint rules for the whole workspace: type-aware, so floating promises are caught.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // The outside-install templates are standalone apps: type-checked and built by that check, under their own installs.
    ignores: ['**/dist/**', '**/node_modules/**', '**/.generated/**', '**/.turbo/**', '**/.next/**', '.tools/**', '**/*.d.ts', 'scripts/outside-install/templates/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['tsup.shared.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // The core is the security boundary: no escape hatches from the type system.
    files: ['packages/core/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'next', 'next/*', 'hono', 'hono/*', 'react-router', '@remix-run/*'] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Repository scripts run on Node.
    files: ['scripts/**/*.mjs', '**/bin/*.js', 'packages/tooling/readme-examples/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', Buffer: 'readonly', fetch: 'readonly', URL: 'readonly',
        URLSearchParams: 'readonly', Headers: 'readonly', Response: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
      },
    },
  },
);
