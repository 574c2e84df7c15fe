import { parseStartArgs } from './cli-args';

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
  ])('refuses %j with one line naming it', (argv, message) => {
    expect(() => parseStartArgs(argv, {})).toThrow(message);
  });
});
