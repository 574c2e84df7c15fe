import { benchHelp, parseBenchArgs } from './cli-args';

describe('bench arguments', () => {
  it('runs everything without arguments', () => {
    expect(parseBenchArgs([])).toEqual({});
  });

  it('accepts --only with a separate or inline value', () => {
    expect(parseBenchArgs(['--only', 'scale'])).toEqual({ only: 'scale' });
    expect(parseBenchArgs(['--only=cold-start'])).toEqual({ only: 'cold-start' });
  });

  it('rejects an unknown benchmark, naming the valid ones', () => {
    expect(() => parseBenchArgs(['--only', 'speed'])).toThrow('bundle, cold-start');
  });

  it('rejects an unknown flag', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow('unknown argument --fast');
  });

  it.each([['--help'], ['-h'], ['--only', 'scale', '--help']])(
    'answers %j with the usage, naming every option and benchmark',
    (...argv) => {
      expect(parseBenchArgs(argv)).toEqual({ help: benchHelp });
      for (const text of ['--only', '--help', 'cold-start', 'load']) {
        expect(benchHelp).toContain(text);
      }
    },
  );
});
