import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { LambdaFunction } from '../template/read-functions';
import { nodeMajorOf } from './lambda-environment';

/**
 * A `node_modules` folder standing in for the runtime's own (`/var/runtime/node_modules`): the
 * AWS SDK for JavaScript v3 that Lambda's nodejs18.x and later runtimes include ("Building
 * Lambda functions with Node.js", Runtime-included SDK versions) — CDK's `NodejsFunction` leaves
 * `@aws-sdk/*` out of its bundles for them. The kit's own installed `@aws-sdk/*` packages stand
 * in, linked from a folder that holds nothing else, so a function finds no other package there.
 */
export function runtimeModules(): { dir: string; dispose(): void } {
  const sdk = dirname(dirname(require.resolve('@aws-sdk/client-dynamodb/package.json')));
  const root = mkdtempSync(join(tmpdir(), 'local-lambda-runtime-'));
  const dir = join(root, 'node_modules');
  mkdirSync(dir);
  symlinkSync(sdk, join(dir, '@aws-sdk'), 'dir');
  return { dir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * `NODE_PATH` as Lambda's Node.js runtimes set it ("Defined runtime environment variables":
 * `/opt/nodejs/node24/node_modules:/opt/nodejs/node_modules:$LAMBDA_RUNTIME_DIR/node_modules`),
 * with each layer's content directory in place of `/opt` ("Packaging your layer content": a
 * Node.js layer's packages are in `nodejs/node_modules` or `nodejs/nodeNN/node_modules`). Lambda
 * extracts layers into one `/opt`, later layers over earlier ones: here later layers come first.
 * Folders a layer does not have are left out.
 */
export function nodePath(fn: Pick<LambdaFunction, 'runtime' | 'layers'>, runtimeDir: string) {
  const layers = [...fn.layers].reverse();
  const major = nodeMajorOf(fn.runtime);
  return [
    ...layers.map((layer) => join(layer, 'nodejs', `node${major}`, 'node_modules')),
    ...layers.map((layer) => join(layer, 'nodejs', 'node_modules')),
  ]
    .filter((dir) => existsSync(dir))
    .concat(runtimeDir)
    .join(delimiter);
}
