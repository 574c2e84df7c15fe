module.exports = {
  displayName: 'stack-contract',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
