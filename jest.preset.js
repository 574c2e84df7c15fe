// Shared Jest settings: swc compiles TypeScript (fast, no type-check: `typecheck` does that),
// and tsconfig.base.json's `paths` are the one map of workspace imports.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`,
    path.join(__dirname, target),
  ]),
);

// Packages whose `exports` offer only an `import` condition: Jest's CommonJS resolver needs the file.
moduleNameMapper['^@middy/([a-z-]+)$'] = path.join(__dirname, 'node_modules/@middy/$1/index.js');

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
  testTimeout: 30_000,
};
