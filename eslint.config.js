// Lint rules for the whole repository (TypeScript, type-aware where cheap).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'bench-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
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
            { regex: '(^|/)electron/(?!contract/contract$|contract/constants$|contract/recall-constants$|trace/trace$|domain/lots$)', message: 'The renderer may import only the contract (types) and its constants.' },
            { regex: '(^|/)electron/(contract/contract|trace/trace|domain/lots)$', allowTypeImports: true, message: 'Import the contract as types only (import type …); plain values are in contract/constants.' },
            { regex: '^(node:.*|better-sqlite3|electron)$', message: 'No Node or Electron modules in the renderer.' },
          ],
        },
      ],
    },
  },
);
