// Lint rules for the whole repository (TypeScript, type-aware).
//
// The layers (docs/architecture.md) are enforced here, not by convention:
//   electron/engine    plain Node: database, import, trace, recall, reports…
//                      imports no contract calls, service, host or shell code;
//                      it may use the contract's data shapes (contract/dto) as types
//   electron/contract  the typed call table; imports only its own files (and dto)
//   electron/service   the engine worker and the contract's handlers
//   electron/hosts     the CLI and browser mode (HTTP), over engine or service
//   electron/shell     Electron's main and preload: the only code that imports 'electron'
//   electron/shared    dependency-free helpers (the CSV writer) every layer may use
//   renderer           the React app: the contract's types and constants, and shared helpers
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ELECTRON_ONLY_IN_SHELL = { name: 'electron', message: 'Only electron/shell may import Electron.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'bench-data/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', TextDecoder: 'readonly' },
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'electron/*/*.mjs', 'electron/*/*/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Type-aware rules: promises that are never awaited, promises passed where
    // a plain callback is expected, switches that miss a case of a union.
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_ONLY_IN_SHELL],
          patterns: [
            { regex: '(^|/)(service|hosts|shell)/', message: 'The engine runs in plain Node for the CLI, tests and worker: it may not import the service, a host or the shell.' },
            { regex: '(^|/)contract/(?!dto/)', message: 'The engine may use the contract\u2019s data shapes (contract/dto) only, never its calls.' },
            { regex: '(^|/)contract/dto/', allowTypeImports: true, message: 'Import contract/dto as types only (import type …).' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_ONLY_IN_SHELL],
          patterns: [{ regex: '(^|/)(engine|service|hosts|shell)/', message: 'The contract is self-contained: its data shapes live in contract/dto.' }],
        },
      ],
    },
  },
  {
    files: ['electron/service/**/*.ts', 'electron/hosts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [ELECTRON_ONLY_IN_SHELL], patterns: [{ regex: '(^|/)shell/', message: 'Hosts and the service run without Electron: they may not import the shell.' }] },
      ],
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: 'electron/shared imports nothing outside itself (every layer, the renderer too, imports it).' }] },
      ],
    },
  },
  {
    // The renderer runs in a sandboxed page: it may use the contract's types
    // and its plain constants, never engine or Node code.
    files: ['renderer/**/*.{ts,tsx}'],
    // Build tooling and benchmark harnesses beside the renderer run in Node.
    ignores: ['renderer/vite.config.ts', 'renderer/graph/dev/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)electron/(?!contract/|shared/)', message: 'The renderer may import only the contract (types), its constants and electron/shared.' },
            { regex: '(^|/)electron/contract/(?!constants$|recall-constants$)', allowTypeImports: true, message: 'Import the contract as types only (import type …); plain values are in contract/constants.' },
            { regex: '^(node:.*|better-sqlite3|electron)$', message: 'No Node or Electron modules in the renderer.' },
          ],
        },
      ],
    },
  },
);
