// Only the pure parts (statistics, goal checks, cost math) have specs: the benchmarks themselves
// run with `npm run bench`, never in `npm test`.
module.exports = { displayName: 'bench', preset: '../../jest.preset.js', rootDir: __dirname };
