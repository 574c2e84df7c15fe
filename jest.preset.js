// Shared Jest settings: swc compiles TypeScript (fast, no type-check: `typecheck` does that),
// and tsconfig.base.json's `paths` are the one map of workspace imports.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

// A `*` in an alias (`@middy/*`) becomes a capture group, and `$1` in its target.
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[.+?^${}()|[\]\\/]/g, '\\$&').replace('*', '(.*)')}$`,
    path.join(__dirname, target.replace('*', '$1')),
  ]),
);

// ESM-only packages that Jest's CommonJS runtime must have compiled.
const esmOnly = ['@middy', 'jose', 'ulid', '@apidevtools/json-schema-ref-parser'];

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  moduleNameMapper,
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // Integration suites start a JVM and synthesize CDK: tens of seconds when the CPUs are shared.
  testTimeout: 120_000,
  reporters: ['default', path.join(__dirname, 'jest.failures-reporter.cjs')],
};
