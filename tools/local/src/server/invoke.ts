import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { GatewayMessages, type GatewayMessage } from '../gateway/gateway-errors';

export type Integration = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

export type InvokeOutcome = { ok: true; result: unknown } | { ok: false; error: GatewayMessage };

const after = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(resolve, ms, value).unref());

/**
 * Calls the function as the integration would: a thrown error or the function's own timeout is
 * a 500 from the gateway; the integration timeout (at most 30 s) is a 503.
 */
export async function invoke(
  integration: Integration,
  event: APIGatewayProxyEventV2,
  context: Context,
  limits: { functionTimeoutMs: number; integrationTimeoutMs: number },
): Promise<InvokeOutcome> {
  const call = integration(event, context).then(
    (result): InvokeOutcome => ({ ok: true, result }),
    (): InvokeOutcome => ({ ok: false, error: GatewayMessages.internal }),
  );
  const functionTimeout: InvokeOutcome = { ok: false, error: GatewayMessages.internal };
  const integrationTimeout: InvokeOutcome = { ok: false, error: GatewayMessages.unavailable };
  return Promise.race([
    call,
    after(limits.functionTimeoutMs, functionTimeout),
    after(limits.integrationTimeoutMs, integrationTimeout),
  ]);
}
