import * as oauth from 'oauth4webapi';
import type { SmokeTarget } from './smoke-target';

const isLoopback = (url: string) =>
  ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

/**
 * An access token for the target's machine client with these scopes (RFC 6749 §4.4, client
 * secret in HTTP Basic as §2.3.1 prefers). Plain HTTP only to an issuer on this machine.
 */
export async function clientCredentialsToken(
  target: SmokeTarget,
  scopes: readonly string[],
): Promise<string> {
  const insecure = { [oauth.allowInsecureRequests]: isLoopback(target.tokens.issuer) };
  const issuer = new URL(target.tokens.issuer);
  const as: oauth.AuthorizationServer =
    'tokenEndpoint' in target.tokens
      ? { issuer: target.tokens.issuer, token_endpoint: target.tokens.tokenEndpoint }
      : await oauth.processDiscoveryResponse(
          issuer,
          await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oidc' }),
        );
  const client: oauth.Client = { client_id: target.client.id };
  const response = await oauth.clientCredentialsGrantRequest(
    as,
    client,
    oauth.ClientSecretBasic(target.client.secret),
    { scope: scopes.join(' ') },
    insecure,
  );
  try {
    return (await oauth.processClientCredentialsResponse(as, client, response)).access_token;
  } catch (error) {
    throw new Error(`${as.token_endpoint} refused client ${client.client_id}: ${refusal(error)}`);
  }
}

/** The OAuth error code (RFC 6749 §5.2) of a refusal, from its body or its challenge. */
function refusal(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) {
    return [error.status, error.error, error.error_description].filter(Boolean).join(' ');
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    const codes = error.cause.map((c) => c.parameters.error).filter(Boolean);
    return [error.status, ...codes].join(' ');
  }
  return error instanceof Error ? error.message : String(error);
}
