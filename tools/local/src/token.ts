// `npm run token -- --sub alice`: a dev token the local server (on --port, default 3000) accepts.
import { synthesizeTemplate } from '@items-api/infra';
import { localIssuer } from './auth/local-identity';
import { parseTokenArgs } from './cli-args';
import { readGatewayConfig } from './template/read-gateway-config';

async function main() {
  const args = parseTokenArgs(process.argv.slice(2), process.env);
  const gateway = readGatewayConfig(synthesizeTemplate({ stage: 'dev' }));
  const issuer = await localIssuer(`http://127.0.0.1:${args.port}`, gateway, '.local-data');
  console.log(await issuer.sign({ sub: args.sub }, { expiresIn: args.expiresIn }));
}

main().catch((error: Error) => {
  console.error(`npm run token failed: ${error.message}`);
  process.exit(1);
});
