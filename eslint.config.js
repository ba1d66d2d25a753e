import { dirname, relative, resolve, sep } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Client layers (STYLE.md, "Dependencies flow one way"): the app shell composes
 * features; a feature uses workspace, sync, auth, lib and ui but never another feature
 * nor the app; workspace never uses features or the app; sync and auth only each other,
 * lib and ui; lib and ui only themselves. Import cycles are caught by
 * tests/unit/client/import-graph.test.ts.
 */
const CLIENT_SRC = resolve(import.meta.dirname, 'client/src');
const MAY_IMPORT = {
  workspace: ['workspace', 'sync', 'auth', 'lib', 'ui'],
  sync: ['sync', 'auth', 'lib', 'ui'],
  auth: ['sync', 'auth', 'lib', 'ui'],
  lib: ['lib', 'ui'],
  ui: ['lib', 'ui'],
};

/** `client/src/features/chat/x.ts` -> 'features/chat'; `client/src/sync/x.ts` -> 'sync'. */
function layerOf(file) {
  const parts = relative(CLIENT_SRC, file).split(sep);
  if (parts[0] === '..' || parts.length < 2) return null;
  return parts[0] === 'features' ? `features/${parts[1]}` : parts[0];
}

function allowed(from, to) {
  if (from === null || to === null || from === to || from === 'app') return true;
  if (from.startsWith('features/')) return !to.startsWith('features/') && to !== 'app';
  return MAY_IMPORT[from]?.includes(to) ?? true;
}

const NO_FOCUSED_TESTS = {
  selector:
    "CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name='only']",
  message: 'no focused tests',
};
/** Every local Yjs transaction names its origin (client/src/sync/origins.ts). */
const NAMED_ORIGINS = [
  {
    selector: "CallExpression[callee.property.name='transact'][arguments.length<2]",
    message: 'give the transaction an origin from client/src/sync/origins.ts',
  },
  {
    selector: "CallExpression[callee.property.name='transact'] > Literal.arguments:nth-child(2)",
    message: 'give the transaction an origin from client/src/sync/origins.ts, not a literal',
  },
];

/** Views read Yjs through the one bridge (client/src/sync/yjs-signal.ts). */
const ONE_BRIDGE = [
  {
    selector: 'CallExpression[callee.property.name=/^(observe|observeDeep)$/]',
    message: 'read Yjs through client/src/sync/yjs-signal.ts (fromYjs, yjsVersion)',
  },
  {
    selector: "CallExpression[callee.property.name='on'][arguments.0.value='update']",
    message: 'read Yjs through client/src/sync/yjs-signal.ts (fromYjs, yjsVersion)',
  },
];

const layers = {
  rules: {
    boundaries: {
      meta: {
        type: 'problem',
        messages: {
          upward:
            '{{from}} may not import {{to}}: move what both need to client/src/workspace (or lib, ui, sync), or let client/src/app compose them.',
        },
        schema: [],
      },
      create(context) {
        const from = layerOf(context.filename);
        const check = (node) => {
          const source = node.source;
          if (from === null || source?.type !== 'Literal' || typeof source.value !== 'string') {
            return;
          }
          if (!source.value.startsWith('.')) return;
          const to = layerOf(resolve(dirname(context.filename), source.value));
          if (!allowed(from, to))
            context.report({ node: source, messageId: 'upward', data: { from, to } });
        };
        return {
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
          ImportExpression: check,
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'test-results', 'playwright-report', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Y.Text and Y.XmlFragment define toString(); the rule cannot see it through Yjs' types.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', NO_FOCUSED_TESTS],
    },
  },
  {
    files: ['client/src/**'],
    plugins: { layers },
    rules: {
      'layers/boundaries': 'error',
      'no-restricted-syntax': ['error', NO_FOCUSED_TESTS, ...NAMED_ORIGINS],
    },
  },
  {
    files: ['client/src/{app,features,workspace}/**'],
    rules: {
      'no-restricted-syntax': ['error', NO_FOCUSED_TESTS, ...NAMED_ORIGINS, ...ONE_BRIDGE],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/client/**', '**/sync-server/**', 'node:*'] },
      ],
    },
  },
  {
    files: ['client/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/sync-server/**'] }] },
  },
  {
    files: ['sync-server/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/client/**'] }] },
  },
  { files: ['eslint.config.js'], extends: [tseslint.configs.disableTypeChecked] },
);
