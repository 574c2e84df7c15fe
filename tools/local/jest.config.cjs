module.exports = {
  displayName: 'local',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Integration suites each start DynamoDB Local (a JVM of several hundred MB): at most two at once.
  maxWorkers: 2,
};
