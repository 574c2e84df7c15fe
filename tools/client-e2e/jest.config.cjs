module.exports = {
  displayName: 'client-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Packing, installing and starting the local API (DynamoDB Local, a JVM) take a while.
  testTimeout: 300_000,
};
