module.exports = { displayName: 'openapi-e2e', preset: '../../jest.preset.js', rootDir: __dirname };
