// `npm run token -- --sub alice [--scope items/read]`: a token from the local server running on
// --port (default 3000). The running server's issuer signs it, so it works whatever the server's
// key (a server started with --in-memory has one per run). `--help` lists the options.
import { ISSUER_PATH } from './auth/local-identity';
import { parseTokenArgs } from './cli-args';

async function main() {
  const args = parseTokenArgs(process.argv.slice(2), process.env);
  if ('help' in args) {
    console.log(args.help);
    return;
  }
  const url = `http://127.0.0.1:${args.port}${ISSUER_PATH}/mint`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sub: args.sub,
      tokenUse: args.tokenUse,
      expiresIn: args.expiresIn,
      ...(args.scope ? { scope: args.scope } : {}),
      ...(args.audience ? { audience: args.audience } : {}),
    }),
  }).catch(() => {
    throw new Error(
      `no local server on port ${args.port}: start one with \`npm start\` (or pass --port)`,
    );
  });
  const body = (await response.json().catch(() => ({}))) as {
    token?: string;
    error_description?: string;
  };
  if (!response.ok || !body.token) {
    throw new Error(
      body.error_description ?? `the server on port ${args.port} answered ${response.status}`,
    );
  }
  console.log(body.token);
}

main().catch((error: Error) => {
  console.error(`npm run token failed: ${error.message}`);
  process.exit(1);
});
