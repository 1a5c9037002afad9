// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'test-artifacts/', 'coverage/'] },
  js.configs.recommended,
  { files: ['jest.config.js'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } } },
  // The console's one script runs in the browser, unbundled.
  {
    files: ['templates/pages/assets/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no clocks, randomness or I/O.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../activities', '../activities/*', '../platform/*'], allowTypeImports: true },
            { group: ['@prisma/*', 'pg', 'nodemailer', 'node:*', 'fs', 'path'] },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Workflows must be deterministic.' },
      ],
    },
  },
);
