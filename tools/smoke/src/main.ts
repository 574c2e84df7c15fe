// `npm run smoke`: the black-box smoke suite against a deployed stage (`--stage dev`) or any
// running Items API (`--url …`), e.g. the local server. Prints one line per check and exits 1
// when one failed, so a pipeline step fails with it.
import { committedDocument } from '@items-api/openapi-check';
import { parseSmokeArgs, usage, UsageError } from './cli-args';
import { clientCredentialsToken } from './client-credentials';
import { urlTarget, type SmokeTarget } from './smoke-target';
import { runSmokeSuite, type CheckResult } from './smoke-suite';
import { stageTarget } from './stage-target';

const line = (result: CheckResult) =>
  `  ${result.passed ? 'ok  ' : 'FAIL'}  ${result.name}${result.passed ? '' : `\n        ${result.detail}`}`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseSmokeArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`smoke: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (args.kind === 'help') {
    console.log(usage);
    return 0;
  }
  let target: SmokeTarget;
  try {
    target = args.kind === 'stage' ? await stageTarget(args.stage, args.region) : urlTarget(args);
  } catch (error) {
    console.error(`smoke: cannot find the target: ${(error as Error).message}`);
    return 2;
  }
  console.log(
    `Smoke test of ${target.apiUrl} (client ${target.client.id} of ${target.tokens.issuer}, web origin ${target.webOrigin})`,
  );
  const results = await runSmokeSuite({
    apiUrl: target.apiUrl,
    webOrigin: target.webOrigin,
    document: committedDocument,
    token: (scopes) => clientCredentialsToken(target, scopes),
    onResult: (result) => console.log(line(result)),
  });
  const failed = results.filter((r) => !r.passed).length;
  console.log(`smoke: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(`smoke failed: ${error.stack ?? error.message}`);
    process.exitCode = 2;
  },
);
