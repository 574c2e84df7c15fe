import { parseArgs } from 'node:util';

/** What to smoke-test: a deployed stage (found through AWS) or any running API. */
export type SmokeArgs =
  | { readonly kind: 'help' }
  | { readonly kind: 'stage'; readonly stage: string; readonly region?: string }
  | {
      readonly kind: 'url';
      readonly url: string;
      readonly issuer: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly origin: string;
    };

export const usage = `Usage:
  npm run smoke -- --stage <dev|prod> [--region <region>]
  npm run smoke -- --url <api url> --issuer <issuer> --client-id <id> --client-secret <secret> --origin <web origin>

A short black-box suite against a running Items API: every documented operation once, each answer
checked against the committed openapi.json; CORS preflight from the web app's origin; 401 without
a token; 403 for a write with a read-only token. Items it creates are deleted at the end.
Exit code 0 when every check passed, 1 when one failed, 2 on a usage or set-up error.

  --stage <name>          a deployed stage: reads the stack's outputs (CloudFormation) and its
                          machine client's secret (Cognito) with your AWS credentials
  --region <region>       the stage's Region (default: AWS_REGION, AWS_DEFAULT_REGION or your profile's)
  --url <api url>         the API's base URL, e.g. http://127.0.0.1:3000
  --issuer <issuer>       the OpenID issuer its tokens come from (token endpoint by discovery),
                          e.g. http://127.0.0.1:3000/_local/issuer for npm start
  --client-id <id>        a client-credentials client of that issuer (npm start: items-api-local-m2m)
  --client-secret <s>     its secret (npm start: local-m2m-secret); or SMOKE_CLIENT_SECRET
  --origin <origin>       the web app's origin, for the CORS preflight (npm start: http://127.0.0.1:3001)
  --help                  this text`;

export class UsageError extends Error {}

const urlOption = (name: string, value: string | undefined): string => {
  if (value === undefined) throw new UsageError(`--${name} is required with --url`);
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new UsageError(`--${name} must be an http(s) URL, got ${value}`);
  }
  return value;
};

/** The command line as a `SmokeArgs`. @throws UsageError naming what is missing or wrong. */
export function parseSmokeArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): SmokeArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        stage: { type: 'string' },
        region: { type: 'string' },
        url: { type: 'string' },
        issuer: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        origin: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.help) return { kind: 'help' };
  if (parsed.stage !== undefined && parsed.url !== undefined) {
    throw new UsageError('give --stage or --url, not both');
  }
  if (parsed.stage !== undefined) {
    const extra = ['issuer', 'client-id', 'client-secret', 'origin'].filter(
      (name) => parsed[name as keyof typeof parsed] !== undefined,
    );
    if (extra.length) {
      throw new UsageError(`--stage reads ${extra.map((n) => `--${n}`).join(', ')} from the stack`);
    }
    if (!/^[a-z][a-z0-9-]*$/.test(parsed.stage)) {
      throw new UsageError(`--stage must be a stage name, got ${parsed.stage}`);
    }
    return {
      kind: 'stage',
      stage: parsed.stage,
      ...(parsed.region ? { region: parsed.region } : {}),
    };
  }
  if (parsed.url === undefined) throw new UsageError('give --stage <name> or --url <api url>');
  if (parsed.region !== undefined) throw new UsageError('--region goes with --stage');
  const url = urlOption('url', parsed.url);
  const issuer = urlOption('issuer', parsed.issuer);
  const clientId = parsed['client-id'];
  const clientSecret = parsed['client-secret'] ?? env['SMOKE_CLIENT_SECRET'];
  if (!clientId) throw new UsageError('--client-id is required with --url');
  if (!clientSecret)
    throw new UsageError('--client-secret (or SMOKE_CLIENT_SECRET) is required with --url');
  const origin = new URL(urlOption('origin', parsed.origin)).origin;
  return {
    kind: 'url',
    url,
    issuer,
    clientId,
    clientSecret,
    origin,
  };
}
