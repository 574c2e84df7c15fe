module.exports = {
  displayName: 'http-api',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
