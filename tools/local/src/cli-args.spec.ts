import { parseStartArgs, parseTokenArgs, startUsage, tokenUsage } from './cli-args';

describe('parseStartArgs', () => {
  it('defaults to the dev items stack on port 3000, text logs, hot reload on, no debugger', () => {
    expect(parseStartArgs([], {})).toEqual({
      port: 3000,
      inMemory: false,
      stage: 'dev',
      logFormat: 'text',
      watch: true,
      inspect: false,
    });
  });

  it('reads --inspect', () => {
    expect(parseStartArgs(['--inspect'], {})).toMatchObject({ inspect: true });
  });

  it('reads --assembly, --stack, --log-format json and --no-watch', () => {
    expect(
      parseStartArgs(
        [
          '--assembly',
          'cdk.out',
          '--stack',
          'EchoApp',
          '--log-format',
          'json',
          '--no-watch',
          '--port',
          '0',
        ],
        {},
      ),
    ).toMatchObject({
      assembly: 'cdk.out',
      stack: 'EchoApp',
      logFormat: 'json',
      watch: false,
      port: 0,
    });
  });

  it.each([
    [['--log-format', 'xml'], '--log-format must be text or json, got xml'],
    [['--stack', 'EchoApp'], '--stack chooses a stack of --assembly: give --assembly too'],
    [['--port', '70000'], '--port must be 0–65535, got 70000'],
    [['--assemby', 'x'], "Unknown option '--assemby'"],
    [
      ['--system-log-level', 'verbose'],
      '--system-log-level must be debug, info, warn, got verbose',
    ],
  ])('refuses %j with one line naming it', (argv, message) => {
    expect(() => parseStartArgs(argv, {})).toThrow(message);
  });
});

it('reads --system-log-level, over the template’s SystemLogLevel', () => {
  expect(parseStartArgs(['--system-log-level', 'info'], {})).toMatchObject({
    systemLogLevel: 'info',
  });
});

describe('--help', () => {
  it.each([['--help'], ['-h'], ['--port', '4000', '--help']])(
    'npm start %j answers the usage, naming every option',
    (...argv) => {
      const parsed = parseStartArgs(argv, {});
      expect(parsed).toEqual({ help: startUsage });
      for (const option of [
        'port',
        'in-memory',
        'stage',
        'assembly',
        'stack',
        'parameters',
        'cors-origin',
        'log-format',
        'system-log-level',
        'watch',
        'help',
      ]) {
        expect(startUsage).toContain(`--${option}`);
      }
    },
  );

  it.each([['--help'], ['-h']])(
    'npm run token %s answers the usage, naming every option',
    (flag) => {
      expect(parseTokenArgs([flag], {})).toEqual({ help: tokenUsage });
      for (const option of [
        'sub',
        'port',
        'expires-in',
        'scope',
        'token-use',
        'client-id',
        'aud',
      ]) {
        expect(tokenUsage).toContain(`--${option}`);
      }
    },
  );
});

describe('--cors-origin', () => {
  it('is repeatable and keeps each origin once', () => {
    expect(
      parseStartArgs(
        [
          '--cors-origin',
          'http://localhost:5173',
          '--cors-origin',
          'http://localhost:5173/',
          '--cors-origin',
          'https://preview.example.com',
        ],
        {},
      ),
    ).toMatchObject({ corsOrigins: ['http://localhost:5173', 'https://preview.example.com'] });
  });

  it.each(['localhost:5173', 'http://localhost:5173/app', '*'])(
    'refuses %s, which is not an origin',
    (value) => {
      expect(() => parseStartArgs(['--cors-origin', value], {})).toThrow(
        `--cors-origin must be an origin like http://localhost:5173, got ${value}`,
      );
    },
  );
});
