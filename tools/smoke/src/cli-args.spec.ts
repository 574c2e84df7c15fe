import { parseSmokeArgs, UsageError } from './cli-args';

const local = [
  '--url',
  'http://127.0.0.1:3000',
  '--issuer',
  'http://127.0.0.1:3000/_local/issuer',
  '--client-id',
  'items-api-local-m2m',
  '--origin',
  'http://127.0.0.1:3001/',
];

describe('parseSmokeArgs', () => {
  it('reads a stage, with or without a Region', () => {
    expect(parseSmokeArgs(['--stage', 'dev'])).toEqual({ kind: 'stage', stage: 'dev' });
    expect(parseSmokeArgs(['--stage', 'prod', '--region', 'eu-west-1'])).toEqual({
      kind: 'stage',
      stage: 'prod',
      region: 'eu-west-1',
    });
  });

  it('reads a URL target, the secret from the flag or SMOKE_CLIENT_SECRET, the origin as an origin', () => {
    const expected = {
      kind: 'url',
      url: 'http://127.0.0.1:3000',
      issuer: 'http://127.0.0.1:3000/_local/issuer',
      clientId: 'items-api-local-m2m',
      clientSecret: 's3cret',
      origin: 'http://127.0.0.1:3001',
    };
    expect(parseSmokeArgs([...local, '--client-secret', 's3cret'])).toEqual(expected);
    expect(parseSmokeArgs(local, { SMOKE_CLIENT_SECRET: 's3cret' })).toEqual(expected);
  });

  it.each([
    [[], /give --stage <name> or --url/],
    [['--stage', 'dev', '--url', 'http://a.example'], /not both/],
    [['--stage', 'dev', '--client-id', 'x'], /--stage reads --client-id from the stack/],
    [['--stage', 'Dev!'], /must be a stage name/],
    [[...local], /--client-secret \(or SMOKE_CLIENT_SECRET\) is required/],
    [[...local, '--client-secret', 's', '--region', 'eu-west-1'], /--region goes with --stage/],
    [['--url', 'ftp://a.example'], /--url must be an http\(s\) URL/],
    [['--stage', 'dev', '--verbose'], /Unknown option '--verbose'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSmokeArgs(argv)).toThrow(UsageError);
    expect(() => parseSmokeArgs(argv)).toThrow(message);
  });

  it('answers --help whatever else is given', () => {
    expect(parseSmokeArgs(['--stage', 'dev', '--help'])).toEqual({ kind: 'help' });
  });
});
