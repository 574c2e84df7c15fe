// `npm start`: the API on your machine — the gateway emulator in front of the template's functions,
// each in execution environments of its own, on DynamoDB Local when the template has tables.
// By default the items stack, built from its bundles and rebuilt as its sources change;
// `--assembly cdk.out` serves any synthesized CDK app. `--help` lists the options.
import { banner, DEBUG_PORT } from './banner';
import { parseStartArgs } from './cli-args';
import { assertPortsFree } from './port-in-use';
import { startLocalApi } from './server/local-api';

async function main() {
  const args = parseStartArgs(process.argv.slice(2), process.env);
  if ('help' in args) {
    console.log(args.help);
    return;
  }
  // The web app on the next port, its own origin, so the browser does real CORS.
  const web =
    args.assembly === undefined ? { port: args.port === 0 ? 0 : args.port + 1 } : undefined;
  await assertPortsFree([
    { port: args.port, what: 'the API' },
    ...(web ? [{ port: web.port, what: "the web app's, --port + 1" }] : []),
  ]);
  const api = await startLocalApi({
    port: args.port,
    inMemory: args.inMemory,
    stage: args.stage,
    ...(args.assembly !== undefined ? { assembly: args.assembly } : {}),
    ...(args.stack !== undefined ? { stack: args.stack } : {}),
    ...(args.parameters !== undefined ? { parameters: args.parameters } : {}),
    ...(args.corsOrigins !== undefined ? { corsOrigins: args.corsOrigins } : {}),
    logFormat: args.logFormat,
    ...(args.systemLogLevel !== undefined ? { systemLogLevel: args.systemLogLevel } : {}),
    watch: args.watch,
    onPhase: (phase, ms) => console.log(`${phase}: ${ms} ms`),
    ...(args.inspect ? { inspectPort: DEBUG_PORT } : {}),
    ...(web ? { web } : {}),
  });
  const token = await api.issueToken({ sub: 'dev-user' }, { expiresIn: '12h' });
  // A token for each further JWT authorizer (its own issuer or audience): TOKEN is the first's.
  const [, ...otherJwt] = Object.entries(api.gateway.authorizers).filter(
    ([, a]) => a.type === 'jwt',
  );
  const others = await Promise.all(
    otherJwt.map(
      async ([id]) =>
        `  token for ${id}: ${await api.issueToken({ sub: 'dev-user' }, { expiresIn: '12h', authorizer: id })}`,
    ),
  );
  console.log(banner(api, args, token, others));
  const shutdown = async () => {
    await api.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: Error) => {
  console.error(`npm start failed: ${error.message}`);
  process.exit(1);
});
