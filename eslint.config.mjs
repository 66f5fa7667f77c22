// ESLint for the JS of every folder (npm run format -- --check runs it; npm test does too).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['build/**', 'node_modules/**', 'bench/node_modules/**', '.deps/**'] },
  js.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.worker, ...globals.node },
    },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['bench/tfjs-worker.js', 'bench/fit-tfjs-worker.js'], // TF.js's UMD bundle: the global tf
    languageOptions: { sourceType: 'script', globals: { tf: 'readonly' } },
  },
];
