// The suite starts a local API (DynamoDB Local, a synthesized stack) and runs the CLI against it.
module.exports = {
  displayName: 'smoke',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  maxWorkers: 1,
};
