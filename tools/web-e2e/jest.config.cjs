// Each suite starts a local API (DynamoDB Local, a synthesized stack) and Chromium: allow it.
module.exports = {
  displayName: 'web-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testTimeout: 120_000,
  maxWorkers: 1,
};
