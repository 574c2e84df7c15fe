module.exports = { displayName: 'web', preset: '../../jest.preset.js', rootDir: __dirname };
