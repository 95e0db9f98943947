import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', '.tmp/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Only the desktop shell may talk to Electron; everything else runs under Node in tests.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src-main/shell and src-preload import electron.' }] },
      ],
    },
  },
  {
    // No promise in main is left unhandled: a rejection nobody awaits ends the process
    // (Node's default) or vanishes. Fire-and-forget work says what happens on failure
    // with .catch(…); `void` does not count as handling it.
    files: ['src-main/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The IPC layer is the outside of main: it calls the core, never the other way. The
    // history, the CLI and the planner once took their schemas from it (issue 13).
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/ipc/**', 'src-main/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only src-main/shell and src-preload import electron.' }],
          patterns: [
            { group: ['**/ipc/*'], message: 'Only src-main/shell uses src-main/ipc; shared rules live below it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/shell/**', 'src-preload/**', 'tests/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
);
