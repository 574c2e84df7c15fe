import nx from '@nx/eslint-plugin';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';
import * as jsoncParser from 'jsonc-eslint-parser';

/**
 * @param {string[]} importableApps
 * @param {{ testing?: boolean }} [options] `testing`: the file is a test, which may use the test
 *   doubles of `type:testing` libraries.
 */
function moduleBoundaries(importableApps = [], { testing = false } = {}) {
  const testDoubles = testing ? ['type:testing'] : [];
  const allTags = [
    'type:contract',
    'type:stack-contract',
    'type:http-api',
    'type:app',
    'type:web',
    'type:client',
    'type:tool',
    'type:testing',
  ];
  return {
    enforceBuildableLibDependency: true,
    banTransitiveDependencies: true,
    allow: ['@items-api/contract/openapi.json', ...importableApps],
    depConstraints: [
      { sourceTag: 'type:contract', onlyDependOnLibsWithTags: [...testDoubles] },
      // The model of API Gateway's HTTP API stands on its own: no API's contract in it.
      { sourceTag: 'type:http-api', onlyDependOnLibsWithTags: [] },
      {
        sourceTag: 'type:stack-contract',
        onlyDependOnLibsWithTags: ['type:contract', ...testDoubles],
      },
      { sourceTag: 'type:client', onlyDependOnLibsWithTags: ['type:contract', ...testDoubles] },
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: [
          'type:contract',
          'type:stack-contract',
          'type:http-api',
          ...testDoubles,
        ],
      },
      // The web app is a client of the API: the SDK, the contract and its runtime config.
      {
        sourceTag: 'type:web',
        onlyDependOnLibsWithTags: [
          'type:contract',
          'type:client',
          'type:stack-contract',
          ...testDoubles,
        ],
      },
      // Test doubles of what Lambda hands a function; shaped by the contract's routes.
      {
        sourceTag: 'type:testing',
        onlyDependOnLibsWithTags: ['type:contract', 'type:stack-contract', 'type:http-api'],
      },
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: allTags },
    ],
  };
}

/** @param {string[]} ignoredDependencies */
function dependencyChecks(ignoredDependencies = []) {
  return {
    buildTargets: ['build'],
    checkMissingDependencies: true,
    checkObsoleteDependencies: true,
    checkVersionMismatches: true,
    ignoredFiles: ['{projectRoot}/src/openapi/**'],
    ignoredDependencies,
  };
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/cdk.out',
      '**/.local-data',
      '**/test-output',
      // Compiled in scratch projects of their own (against the packed packages, or a client
      // generated from openapi.json).
      'tools/client-e2e/fixtures/**',
      'tools/openapi-e2e/fixtures/**',
      '**/*.cjs',
      '**/*.js',
    ],
  },
  {
    files: ['**/*.ts'],
    // Type-aware rules: each file is checked with the types of its project's tsconfig.
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its rejection: the crash or the silent failure this kit's
      // servers and handlers must never have.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Dependencies point one way: contract ← stack-contract ← api, infra; contract ← docs,
      // client. No app imports another app (Nx refuses imports of applications): what two apps
      // share lives in a library. Tools may use anything (next block).
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries()],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // What the items function bundles runs at every cold start: the first `toLocaleString` or
    // `Intl` formatter loads ICU's data (about 9 ms measured on the function's cold start).
    files: [
      'apps/api/src/**/*.ts',
      'libs/contract/src/lib/**/*.ts',
      'libs/stack-contract/src/**/*.ts',
    ],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'toLocaleString', message: 'loads ICU at cold start; format by hand' },
        { property: 'toLocaleDateString', message: 'loads ICU at cold start; format by hand' },
        { object: 'Intl', message: 'loads ICU at cold start; format by hand' },
      ],
    },
  },
  {
    // A published package declares what its code imports, and nothing else: every import of the
    // built files is in `dependencies` or `peerDependencies`, at a range holding the installed
    // version. (The contract's OpenAPI generator under src/openapi runs in the repo and is not
    // in the package: only openapi.json, its output, is.)
    files: ['**/package.json'],
    languageOptions: { parser: jsoncParser },
    rules: { '@nx/dependency-checks': ['error', dependencyChecks()] },
  },
  {
    // The client's types are the contract's, built on zod's: it passes the contract's zod peer on
    // to the application, so one zod serves both (pnpm and Yarn refuse an unmet peer of a
    // dependency) although no file of the client imports zod itself.
    files: ['libs/client/package.json'],
    rules: { '@nx/dependency-checks': ['error', dependencyChecks(['zod'])] },
  },
  {
    // Tools drive the apps in-process (local server, benchmarks, robustness): they are the one
    // place allowed to import an application.
    files: ['tools/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        moduleBoundaries([
          '@items-api/api',
          '@items-api/api/testing',
          '@items-api/docs',
          '@items-api/infra',
          '@items-api/web/build',
        ]),
      ],
    },
  },
  {
    // Tests of the apps and libraries may use the test doubles (`type:testing`); their sources
    // may not, so no test double ships in a function or a published package.
    files: ['apps/**/*.spec.ts', 'apps/*/test/**/*.ts', 'libs/**/*.spec.ts', 'libs/*/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries([], { testing: true })],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    plugins: { jest },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'assert*'] }],
      'jest/no-identical-title': 'error',
      'jest/valid-expect': 'error',
      // Tests read parsed JSON bodies and known-present values; the assertions are the checks.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  prettier,
];
