// Child-process entry: the local API in a plain Node process (see local-api-process.ts for why).
// Reads its options as JSON from argv[2]; prints one JSON line with what the parent needs.
import { startLocalApi } from '@items-api/local';
import { unthrottledTemplate } from './robust-api';

type ServeOptions = { dynamodbEndpoint: string; dataDir: string };

async function serve({ dynamodbEndpoint, dataDir }: ServeOptions) {
  const api = await startLocalApi({
    inMemory: false, // keeps the issuer's key in dataDir, where the parent reads it to sign tokens
    dataDir,
    dynamodbEndpoint,
    template: unthrottledTemplate(),
    logLevel: 'silent',
  });
  const stop = () => void api.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  // The parent holds our stdin open: when it goes, so do we (even if it was killed).
  process.stdin.once('close', stop).resume();
  const { issuer, audience } = api.issuer;
  process.stdout.write(
    `${JSON.stringify({ url: api.url, tableName: api.tableName, issuer, audience })}\n`,
  );
}

serve(JSON.parse(process.argv[2] ?? '{}') as ServeOptions).catch((error: Error) => {
  process.stderr.write(`serve-local-api failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
