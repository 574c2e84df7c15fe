// `npm start`: the API on your machine — the gateway emulator in front of the template's functions,
// each in execution environments of its own, on DynamoDB Local when the template has tables.
// By default the items stack, built from its bundles and rebuilt as its sources change;
// `--assembly cdk.out` serves any synthesized CDK app.
import { parseStartArgs, type StartArgs } from './cli-args';
import { startLocalApi, type LocalApi } from './server/local-api';

/** Node's default inspector port: what `.vscode/launch.json` and `chrome://inspect` look at. */
const DEBUG_PORT = 9229;

const AUTH_LABELS = { jwt: ' (JWT)', lambda: ' (Lambda authorizer)', none: '' } as const;

function banner(api: LocalApi, args: StartArgs, token: string, others: string[]): string {
  const portFlag = args.port === 3000 ? '' : ` --port ${args.port}`;
  const storage = args.inMemory ? 'in memory' : 'data in .local-data';
  const tables = Object.values(api.tables);
  const dynamodb = tables.length
    ? [`  dynamodb:  ${api.dynamodbEndpoint} (table ${tables.join(', ')}, ${storage})`]
    : [];
  const reload = args.watch ? ['  reload:    on (code changes start new environments)'] : [];
  const debug = args.inspect
    ? [`  debugger:  127.0.0.1:${DEBUG_PORT} and on (one port per function, see its log line)`]
    : [];
  if (args.assembly !== undefined) {
    return [
      `${api.stackName} (from ${args.assembly}) at ${api.url}`,
      ...api.gateway.routes.map(
        (r) =>
          `  ${r.routeKey.padEnd(32)} ${r.functionId}${AUTH_LABELS[r.auth]}${r.authorizerId && r.auth === 'jwt' ? ` ${r.authorizerId}` : ''}`,
      ),
      ...dynamodb,
      ...reload,
      ...debug,
      `  token:     npm run token -- --sub alice${portFlag}`,
      `  export TOKEN=${token}`,
      ...others,
      '',
      'Ctrl-C stops the server.',
    ].join('\n');
  }
  return [
    `Items API (stage ${args.stage}) at ${api.url}`,
    `  docs:      ${api.docsUrl}`,
    ...(api.webUrl ? [`  web:       ${api.webUrl}`] : []),
    ...dynamodb,
    ...reload,
    ...debug,
    `  token:     npm run token -- --sub alice${portFlag}`,
    '',
    'Try it:',
    `  export TOKEN=${token}`,
    `  curl -s -X POST ${api.url}/items -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"name":"First item"}'`,
    `  curl -s ${api.url}/items -H "authorization: Bearer $TOKEN"`,
    '',
    'Ctrl-C stops the server and DynamoDB Local.',
  ].join('\n');
}

async function main() {
  const args = parseStartArgs(process.argv.slice(2), process.env);
  const api = await startLocalApi({
    port: args.port,
    inMemory: args.inMemory,
    stage: args.stage,
    ...(args.assembly !== undefined ? { assembly: args.assembly } : {}),
    ...(args.stack !== undefined ? { stack: args.stack } : {}),
    ...(args.parameters !== undefined ? { parameters: args.parameters } : {}),
    logFormat: args.logFormat,
    watch: args.watch,
    ...(args.inspect ? { inspectPort: DEBUG_PORT } : {}),
    // The web app on the next port, its own origin, so the browser does real CORS.
    ...(args.assembly === undefined ? { web: { port: args.port === 0 ? 0 : args.port + 1 } } : {}),
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
