import { parseArgs } from 'node:util';

export type StartArgs = { port: number; inMemory: boolean; stage: string };

/** `npm start -- --port 4000 --in-memory --stage prod`; `PORT` works too. Default port 3000. */
export function parseStartArgs(argv: string[], env: Record<string, string | undefined>): StartArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'in-memory': { type: 'boolean', default: false },
      stage: { type: 'string', default: 'dev' },
    },
    strict: true,
  });
  const port = Number(values.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0–65535, got ${values.port ?? env.PORT}`);
  return { port, inMemory: values['in-memory'] ?? false, stage: values.stage ?? 'dev' };
}

export type TokenArgs = { sub: string; port: number; expiresIn: string };

/** `npm run token -- --sub alice [--port 3000] [--expires-in 1h]`. */
export function parseTokenArgs(argv: string[], env: Record<string, string | undefined>): TokenArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      sub: { type: 'string', default: 'dev-user' },
      port: { type: 'string' },
      'expires-in': { type: 'string', default: '1h' },
    },
    strict: true,
  });
  return {
    sub: values.sub ?? 'dev-user',
    port: Number(values.port ?? env.PORT ?? 3000),
    expiresIn: values['expires-in'] ?? '1h',
  };
}
