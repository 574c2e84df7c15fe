module.exports = {
  displayName: 'test-events',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
