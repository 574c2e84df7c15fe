// `npm start`: the whole API on this machine — gateway emulator + the items function + DynamoDB Local.
import { parseStartArgs } from './cli-args';
import { startLocalApi } from './server/local-api';

async function main() {
  const args = parseStartArgs(process.argv.slice(2), process.env);
  const api = await startLocalApi({
    port: args.port,
    inMemory: args.inMemory,
    stage: args.stage,
    // The web app on the next port, its own origin, so the browser does real CORS.
    web: { port: args.port === 0 ? 0 : args.port + 1 },
    logLevel: 'info',
  });
  const token = await api.issueToken({ sub: 'dev-user' }, { expiresIn: '12h' });
  console.log(
    [
      `Items API (stage ${args.stage}) at ${api.url}`,
      `  docs:      ${api.docsUrl}`,
      `  web:       ${api.webUrl}`,
      `  dynamodb:  ${api.dynamodbEndpoint} (table ${api.tableName}${args.inMemory ? ', in memory' : ', data in .local-data'})`,
      `  token:     npm run token -- --sub alice${args.port === 3000 ? '' : ` --port ${args.port}`}`,
      '',
      'Try it:',
      `  export TOKEN=${token}`,
      `  curl -s -X POST ${api.url}/items -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"name":"First item"}'`,
      `  curl -s ${api.url}/items -H "authorization: Bearer $TOKEN"`,
      '',
      'Ctrl-C stops the server and DynamoDB Local.',
    ].join('\n'),
  );
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
