module.exports = {
  displayName: 'robustness',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Integration suites each start DynamoDB Local (a JVM); two at a time suit a 2-core machine.
  maxWorkers: 2,
};
