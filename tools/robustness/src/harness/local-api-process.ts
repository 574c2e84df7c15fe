import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { JWK } from 'jose';
import { createTokenForge } from '../auth/token-forge';
import { createApiClient } from './robust-api';

const workspaceRoot = resolve(__dirname, '../../../..');

/** The issuer's private key, which a non-memory local server keeps (as a JWK file) in its dataDir. */
export function issuerKeyIn(dataDir: string): JWK {
  for (const file of readdirSync(dataDir).filter((name) => name.endsWith('.json'))) {
    const jwk = JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as JWK;
    if (jwk.kty === 'RSA' && jwk.d) return jwk;
  }
  throw new Error(`no private JWK in ${dataDir}`);
}

type Started = { url: string; tableName: string; issuer: string; audience: string };

function firstLine(child: ReturnType<typeof spawn>): Promise<Started> {
  return new Promise((resolveLine, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk) => (err += chunk));
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolveLine(JSON.parse(line) as Started);
    });
    child.once('exit', (code) =>
      reject(new Error(`local API exited (${code}): ${err.slice(-800)}`)),
    );
  });
}

/**
 * The local API (unthrottled dev template) in its own Node process, on the given DynamoDB.
 * Jest runs tests in a VM context whose `Error` is not Node core's, so inside Jest the AWS SDK
 * cannot recognise a reset socket (jest#2549) and the handler answers 500 where Lambda answers
 * 503: faults on the wire are only faithful out here. Tokens are signed with the server's key.
 */
export async function startLocalApiProcess(options: { dynamodbEndpoint: string }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'robustness-api-'));
  const child = spawn(
    process.execPath,
    [
      join(workspaceRoot, 'node_modules/tsx/dist/cli.mjs'),
      '--tsconfig',
      join(workspaceRoot, 'tsconfig.base.json'),
      join(__dirname, 'serve-local-api.ts'),
      JSON.stringify({ dynamodbEndpoint: options.dynamodbEndpoint, dataDir }),
    ],
    { cwd: workspaceRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
  const started = await firstLine(child).catch((error) => {
    child.kill('SIGKILL');
    cleanUp();
    throw error;
  });
  const forge = await createTokenForge({ privateJwk: issuerKeyIn(dataDir), ...started });
  const client = createApiClient(started.url, (owner) => forge.valid({ sub: owner }));
  return {
    ...client,
    tableName: started.tableName,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      cleanUp();
    },
  };
}
