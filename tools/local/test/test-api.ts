import { assertDocumented, validatedResponses } from '@items-api/openapi-check';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildItemsBundles } from '../src/server/items-bundles';
import { synthesizeItemsStack } from '../src/server/synthesize-items-stack';
import { startLocalApi, type LocalApi, type LocalApiOptions } from '../src/server/local-api';

/**
 * The dev stack's template, synthesized from its bundles once per test run (keyed by Jest's
 * process) rather than once per suite: CDK's start-up is the slowest part of starting a local API.
 */
async function sharedTemplate(): Promise<Record<string, unknown>> {
  const file = join(tmpdir(), `items-api-dev-stack-${process.ppid}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  await buildItemsBundles({});
  const { template } = synthesizeItemsStack({ stage: 'dev' });
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(template));
  renameSync(`${file}.${process.pid}`, file);
  return template;
}

export type Caller = 'alice' | 'bob' | null;

export type TestResponse = { status: number; headers: Headers; text: string; json: any };

/**
 * A local API on a free port over an in-memory DynamoDB Local, with tokens for two owners.
 * `request` sends as `alice` unless told otherwise (`as: null` sends no token).
 */
export async function startTestApi(options: LocalApiOptions = {}) {
  const api: LocalApi = await startLocalApi({
    inMemory: true,
    logLevel: 'silent',
    template: await sharedTemplate(),
    ...options,
  });
  const tokens = {
    alice: await api.issueToken({ sub: 'alice' }),
    bob: await api.issueToken({ sub: 'bob' }),
  };
  async function request(
    path: string,
    {
      as = 'alice',
      json,
      headers = {},
      ...init
    }: RequestInit & { as?: Caller; json?: unknown; headers?: Record<string, string> } = {},
  ): Promise<TestResponse> {
    const response = await fetch(`${api.url}${path}`, {
      ...init,
      headers: {
        ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}),
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
    const text = await response.text();
    // Every answer must be one the committed openapi.json declares (checked by Ajv, not zod).
    assertDocumented({
      method: init.method ?? 'GET',
      url: path,
      status: response.status,
      headers: response.headers,
      body: text,
    });
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, json: parsed };
  }
  const stop = async () => {
    console.log(`openapi.json: ${validatedResponses()} responses validated`);
    await api.stop();
  };
  return { api, tokens, request, stop };
}

export type TestApi = Awaited<ReturnType<typeof startTestApi>>;
