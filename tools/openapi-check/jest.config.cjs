module.exports = {
  displayName: 'openapi-check',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
