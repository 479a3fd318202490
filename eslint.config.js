// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Where code may run decides what it may import (docs/ARCHITECTURE.md, "Layers"). */
export const layerRules = {
  core: {
    paths: [
      { name: 'electron', message: 'src/main/core runs in plain Node: never import electron.' },
    ],
    patterns: [
      {
        group: ['**/desktop/**', '**/renderer/**', '**/preload/**', '**/cli/**'],
        message: 'src/main/core may not import the desktop shell, the CLI, preload or renderer.',
      },
    ],
  },
  cli: {
    paths: [
      { name: 'electron', message: 'src/main/cli runs in plain Node: never import electron.' },
    ],
    patterns: [
      {
        group: ['**/desktop/**', '**/renderer/**', '**/preload/**'],
        message:
          'src/main/cli may import core and src/shared, not the desktop shell, preload or renderer.',
      },
    ],
  },
  desktop: {
    patterns: [
      {
        group: ['**/renderer/**', '**/preload/**', '**/cli/**'],
        message:
          'src/main/desktop may not import the renderer, the preload or the CLI: it reaches the UI over IPC.',
      },
    ],
  },
  preload: {
    paths: [
      {
        name: 'electron',
        allowImportNames: ['contextBridge', 'ipcRenderer'],
        message: "src/preload may import only electron's contextBridge and ipcRenderer.",
      },
    ],
    patterns: [
      {
        regex: '^(?!electron$|\\./[^/]+$|\\.\\./shared/[^/]+$)',
        message:
          "src/preload may import only electron's contextBridge and ipcRenderer, src/shared and its own files.",
      },
    ],
  },
  renderer: {
    paths: [
      { name: 'electron', message: 'src/renderer talks only to the SwitchboardApi bridge.' },
      { name: 'better-sqlite3', message: 'src/renderer runs in a browser: no native modules.' },
    ],
    patterns: [
      { group: ['node:*'], message: 'src/renderer runs in a browser: no Node built-ins.' },
      {
        group: ['**/main/**', '**/preload/**'],
        message: 'src/renderer may import only src/shared and its own files.',
      },
    ],
  },
  shared: {
    paths: [
      { name: 'electron', message: 'src/shared is pure: no electron.' },
      { name: 'better-sqlite3', message: 'src/shared is pure: no native modules.' },
    ],
    patterns: [
      { group: ['node:*'], message: 'src/shared is pure: no Node built-ins.' },
      {
        group: ['**/main/**', '**/renderer/**', '**/preload/**'],
        message: 'src/shared is pure: it imports nothing from the layers.',
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['src/main/core/**'], rules: { 'no-restricted-imports': ['error', layerRules.core] } },
  { files: ['src/main/cli/**'], rules: { 'no-restricted-imports': ['error', layerRules.cli] } },
  {
    files: ['src/main/desktop/**'],
    rules: { 'no-restricted-imports': ['error', layerRules.desktop] },
  },
  { files: ['src/preload/**'], rules: { 'no-restricted-imports': ['error', layerRules.preload] } },
  { files: ['src/shared/**'], rules: { 'no-restricted-imports': ['error', layerRules.shared] } },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'no-restricted-imports': ['error', layerRules.renderer],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
