// The local API starts DynamoDB Local and synthesizes the stack before the browser runs: allow it.
module.exports = {
  displayName: 'docs-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testTimeout: 120_000,
};
