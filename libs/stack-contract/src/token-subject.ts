/**
 * The rule for a token's `sub`, shared by the local JWT authorizer and the items function.
 *
 * RFC 7519 §4.1.2: "The `sub` value is a case-sensitive string containing a StringOrURI value"
 * (OpenID Connect Core 1.0 §2 likewise). A token whose `sub` is the number `123` is not a valid
 * JWT, and it must never become the same owner as `"123"`. API Gateway hands every claim to the
 * function as a string (AWS guide "Working with AWS Lambda proxy integrations for HTTP APIs",
 * payload format 2.0: `"claims": {"claim1": "value1", …}`; numbers arrive as their digits), so
 * the claim's JSON type is visible only in the token itself.
 */
export function subjectIsString(payload: Readonly<Record<string, unknown>>): boolean {
  return payload['sub'] === undefined || typeof payload['sub'] === 'string';
}

/**
 * The payload of a compact JWS (`header.payload.signature`), decoded without verifying: only
 * for a token the gateway's authorizer already verified. `undefined` when it is not one.
 */
export function unverifiedPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
