import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// The renderer, spec and timeline run in the browser too (web builder preview), so Node built-ins are banned there.
const nodeOnly = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'stream', 'crypto', 'url', 'http', 'https', 'net', 'zlib', 'util', 'events', 'buffer', 'process'];
const nodeBan = [...nodeOnly.map((name) => ({ name, message: 'isomorphic layer: no Node built-ins' })), ...nodeOnly.map((name) => ({ name: `node:${name}`, message: 'isomorphic layer: no Node built-ins' }))];

export default tseslint.config(
  { ignores: ['scratch/**', 'node_modules/**', 'dist/**', 'dist.next-*/**', 'dist.old-*/**', 'web/dist/**', 'coverage/**', '**/*.d.ts', '**/*.d.mts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', fetch: 'readonly', performance: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The studio: hooks must be called unconditionally and list what they read.
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/spec/**/*.ts', 'src/render/**/*.ts', 'src/timeline/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...nodeBan, { name: '@napi-rs/canvas', message: 'isomorphic layer: receive a canvas factory instead' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'isomorphic layer' }, { name: 'Buffer', message: 'isomorphic layer' }],
    },
  },
);
