import { issuerRoutes } from '../server/issuer-routes';
import type { GatewayConfig } from '../template/gateway-config';
import { localAudiences } from '../template/read-authorizer';
import { createJwtAuthorizer } from './jwt-authorizer';
import { localIssuer } from './local-identity';
import { LOCAL_M2M_CLIENT, localClients } from './oauth-clients';
import { createOAuthProvider } from './oauth-provider';

/**
 * Everything auth on the local server for its base URL: the issuer, the gateway's JWT
 * authorizer (accepting the local app clients' tokens) and the issuer's OpenID endpoints, with
 * `redirectUris` registered for the web app.
 */
export async function localIdentity(
  baseUrl: string,
  gateway: GatewayConfig,
  dataDir: string | undefined,
  redirectUris: readonly string[],
) {
  const issuer = await localIssuer(baseUrl, gateway, dataDir);
  return {
    issuer,
    // The dev issuer stands in for the template's issuer only: audiences and scopes are the
    // template's, with the local app clients standing in for those resolved at deploy time.
    authorize: createJwtAuthorizer({
      issuer: issuer.issuer,
      audience: [
        ...localAudiences(gateway.authorizer, issuer.audience),
        ...(gateway.authorizer.hasDeployTimeAudience ? [LOCAL_M2M_CLIENT.id] : []),
      ],
    }),
    routes: issuerRoutes(
      createOAuthProvider({ issuer, clients: localClients(issuer.audience, redirectUris) }),
    ),
  };
}
