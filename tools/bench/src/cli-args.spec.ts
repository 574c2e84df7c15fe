import { parseBenchArgs } from './cli-args';

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
});
