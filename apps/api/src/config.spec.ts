import { loadConfig } from './config';

describe('loadConfig', () => {
  it('names the missing variable', () => {
    expect(() => loadConfig({})).toThrow('TABLE_NAME');
  });

  it('applies defaults', () => {
    expect(loadConfig({ TABLE_NAME: 't' })).toMatchObject({
      tableName: 't',
      logLevel: 'info',
      idempotencyTtlSeconds: 86_400,
    });
  });

  it('rejects a short cursor secret', () => {
    expect(() => loadConfig({ TABLE_NAME: 't', CURSOR_SECRET: 'short' })).toThrow('CURSOR_SECRET');
  });
});
