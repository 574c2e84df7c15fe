import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { GatewayMessages, type GatewayMessage } from '@items-api/http-api';
import type { PoolOutcome } from '../runtime/function-pool';

/** Runs the function a route integrates, in one of its execution environments. */
export type Integration = (event: APIGatewayProxyEventV2) => Promise<PoolOutcome>;

export type InvokeOutcome = { ok: true; result: unknown } | { ok: false; error: GatewayMessage };

const after = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(resolve, ms, value).unref());

/**
 * Calls the function as the integration would. Any failed invocation — an error the handler
 * threw, a crashed or timed-out environment, a failed init, a throttle — is a 500
 * `Internal Server Error` from the gateway ("Handle Lambda errors in API Gateway", Lambda
 * developer guide; API Gateway maps Lambda's throttling to 500 as well). The integration timeout
 * (at most 30 s) is a 503; the function keeps running in its environment until it ends or its
 * own timeout stops it.
 */
export async function invoke(
  integration: Integration,
  event: APIGatewayProxyEventV2,
  limits: { integrationTimeoutMs: number },
): Promise<InvokeOutcome> {
  const call = integration(event).then(
    (outcome): InvokeOutcome =>
      outcome.ok
        ? { ok: true, result: JSON.parse(outcome.json) as unknown }
        : { ok: false, error: GatewayMessages.internal },
    (): InvokeOutcome => ({ ok: false, error: GatewayMessages.internal }),
  );
  const integrationTimeout: InvokeOutcome = { ok: false, error: GatewayMessages.unavailable };
  return Promise.race([call, after(limits.integrationTimeoutMs, integrationTimeout)]);
}
