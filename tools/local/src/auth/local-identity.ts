import { join } from 'node:path';
import type { GatewayConfig } from '../template/gateway-config';
import { createDevIssuer, type DevIssuer } from './dev-issuer';

/** Where the dev issuer lives on the local server (outside the API's routes). */
export const ISSUER_PATH = '/_local/issuer';

/** Audiences CloudFormation resolves at deploy time (Cognito client ids) become this one locally. */
const LOCAL_AUDIENCE = 'items-api-local';

/**
 * The local server's issuer for a base URL: the template's audience when it is a plain value,
 * and a key kept under `dataDir` (or made afresh per run when `dataDir` is undefined).
 */
export function localIssuer(
  baseUrl: string,
  gateway: GatewayConfig,
  dataDir: string | undefined,
): Promise<DevIssuer> {
  return createDevIssuer({
    issuer: `${baseUrl}${ISSUER_PATH}`,
    audience: gateway.jwt.audience?.[0] ?? LOCAL_AUDIENCE,
    keyFile: dataDir === undefined ? undefined : join(dataDir, 'dev-issuer-key.json'),
  });
}
