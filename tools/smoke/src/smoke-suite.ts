import { isDeepStrictEqual } from 'node:util';
import { randomBytes, randomUUID } from 'node:crypto';
import { allScopes, CorsAllowHeaders, Headers, Scopes } from '@items-api/contract';
import type { OpenApiDocument } from '@items-api/openapi-check';
import { createApiSession, type ApiSession, type Exchange } from './api-session';
import { preflightRefusals } from './cors-preflight';

export type CheckResult = {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
};

export type SmokeSuiteOptions = {
  readonly apiUrl: string;
  readonly webOrigin: string;
  readonly document: OpenApiDocument;
  /** An access token of the machine client with these scopes. */
  readonly token: (scopes: readonly string[]) => Promise<string>;
  /** Each result as soon as it is known. */
  readonly onResult?: (result: CheckResult) => void;
};

type Item = { id: string; version: number };

class CheckFailed extends Error {}

/** The value a check needs from an earlier one, or a failure naming the check that did not give it. */
function needs<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new CheckFailed(`not run: ${what} failed`);
  return value;
}

/** The run's results, and which documented operations answered as documented. */
function createRecorder(onResult?: (result: CheckResult) => void) {
  const results: CheckResult[] = [];
  const covered = new Set<string>();
  return {
    results,
    covered,
    /** Runs one named check; a thrown error fails it, and the run goes on. */
    async check<T>(name: string, body: () => Promise<T>): Promise<T | undefined> {
      let result: CheckResult;
      let value: T | undefined;
      try {
        value = await body();
        result = { name, passed: true, detail: '' };
      } catch (error) {
        result = {
          name,
          passed: false,
          detail: error instanceof Error ? error.message : String(error),
        };
      }
      results.push(result);
      onResult?.(result);
      return value;
    },
    /** The answer had this status and keeps the document; its operation counts as covered. */
    answered(exchange: Exchange, status: number): Exchange {
      if (exchange.status !== status) {
        throw new CheckFailed(
          `${exchange.label} answered ${exchange.status}, expected ${status}: ${exchange.body.slice(0, 300)}`,
        );
      }
      if (exchange.violations.length) throw new CheckFailed(exchange.violations.join('; '));
      covered.add(exchange.operationId);
      return exchange;
    },
    /** A refusal (401, 403): the status, and the body the document declares for it. */
    refused(exchange: Exchange, status: number): void {
      if (exchange.violations.length) throw new CheckFailed(exchange.violations.join('; '));
      if (exchange.status !== status) {
        throw new CheckFailed(`answered ${exchange.status}, not ${status}`);
      }
    },
  };
}

type Recorder = ReturnType<typeof createRecorder>;
type Tokens = { full: string; readOnly: string };

/**
 * The smoke suite: each documented operation answered once as the document says, the web app's
 * CORS preflight, 401 without a token, 403 for a write with a read-only token, and the items it
 * made deleted again (they carry a tag of this run, so even one whose answer was lost is found).
 */
export async function runSmokeSuite(options: SmokeSuiteOptions): Promise<CheckResult[]> {
  const api = createApiSession(options.apiUrl, options.document);
  const run = createRecorder(options.onResult);
  const { check, answered } = run;
  const runTag = `smoke-${randomBytes(8).toString('hex')}`;

  // Public routes.
  await check('GET /openapi.json serves the committed document', async () => {
    const exchange = answered(await api.call('getOpenApi'), 200);
    if (!isDeepStrictEqual(JSON.parse(exchange.body), options.document)) {
      throw new CheckFailed('the served document differs from the committed openapi.json');
    }
  });
  await check('HEAD /openapi.json', async () => answered(await api.call('getOpenApiHead'), 200));
  const asset = await check('GET /docs links its assets', async () => {
    const page = answered(await api.call('getDocs'), 200).body;
    const link = /docs\/(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)\?v=(?<version>[A-Za-z0-9_-]*)/.exec(
      page,
    );
    const { name, version } = link?.groups ?? {};
    if (name === undefined || version === undefined) {
      throw new CheckFailed('the docs page links no /docs/{asset}');
    }
    return { name, version };
  });
  await check('HEAD /docs', async () => answered(await api.call('getDocsHead'), 200));
  await check('GET and HEAD /docs/{asset}', async () => {
    const { name, version } = needs(asset, 'GET /docs');
    const request = { params: { asset: name }, query: { v: version } };
    answered(await api.call('getDocsAsset', request), 200);
    answered(await api.call('getDocsAssetHead', request), 200);
  });

  // The gateway's own answers.
  await check(`CORS preflight of POST /items from ${options.webOrigin}`, async () => {
    const requestHeaders = [...CorsAllowHeaders].map((h) => h.toLowerCase()).sort();
    const response = await fetch(api.urlOf('/items'), {
      method: 'OPTIONS',
      headers: {
        origin: options.webOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': requestHeaders.join(','),
      },
      signal: AbortSignal.timeout(20_000),
    });
    await response.arrayBuffer();
    const refusals = preflightRefusals({
      origin: options.webOrigin,
      method: 'POST',
      requestHeaders,
      status: response.status,
      headers: response.headers,
    });
    if (refusals.length) throw new CheckFailed(`a browser would refuse it: ${refusals.join('; ')}`);
  });
  await check('GET /items without a token is 401', async () =>
    run.refused(await api.call('listItems'), 401),
  );

  const tokens = await check(
    'client-credentials tokens: full and read-only',
    async (): Promise<Tokens> => ({
      full: await options.token(allScopes),
      readOnly: await options.token([Scopes.read]),
    }),
  );

  try {
    await itemRoutes(api, run, runTag, () => needs(tokens, 'getting tokens'));
  } finally {
    await check(`cleanup: no item of this run (tag ${runTag}) is left`, async () =>
      deleteRunItems(api, runTag, needs(tokens, 'getting tokens').full),
    );
  }

  await check('every documented operation answered as documented', async () => {
    const missing = [...api.operations.keys()].filter((id) => !run.covered.has(id));
    if (missing.length) throw new CheckFailed(`not answered: ${missing.join(', ')}`);
  });
  return run.results;
}

/** The items routes, in the order a client uses them, on one item of this run. */
async function itemRoutes(api: ApiSession, run: Recorder, runTag: string, tokens: () => Tokens) {
  const { check, answered } = run;
  const input = (name: string) => ({ name, tags: [runTag] });
  await check('POST /items with a read-only token is 403', async () =>
    run.refused(
      await api.call('createItem', {
        token: tokens().readOnly,
        json: input('smoke: must not be created'),
      }),
      403,
    ),
  );
  const created = await check('POST /items creates an item', async () => {
    const exchange = answered(
      await api.call('createItem', {
        token: tokens().full,
        headers: { [Headers.idempotencyKey]: randomUUID() },
        json: input(`smoke ${runTag}`),
      }),
      201,
    );
    return JSON.parse(exchange.body) as Item;
  });
  await check('GET and HEAD /items/{id}', async () => {
    const item = needs(created, 'POST /items');
    const request = { token: tokens().full, params: { id: item.id } };
    const got = answered(await api.call('getItem', request), 200);
    if ((JSON.parse(got.body) as Item).id !== item.id)
      throw new CheckFailed('another item came back');
    answered(await api.call('getItemHead', request), 200);
  });
  await check('GET and HEAD /items?tag= list it', async () => {
    const item = needs(created, 'POST /items');
    const request = { token: tokens().full, query: { tag: runTag } };
    const page = JSON.parse(answered(await api.call('listItems', request), 200).body) as {
      items: Item[];
    };
    if (!page.items.some((listed) => listed.id === item.id)) {
      throw new CheckFailed('the new item is not in the list of its tag');
    }
    answered(await api.call('listItemsHead', request), 200);
  });
  const replaced = await check('PUT /items/{id} with If-Match replaces it', async () => {
    const item = needs(created, 'POST /items');
    const exchange = answered(
      await api.call('replaceItem', {
        token: tokens().full,
        params: { id: item.id },
        headers: { [Headers.ifMatch]: `"${item.version}"` },
        json: input(`smoke ${runTag} replaced`),
      }),
      200,
    );
    const next = JSON.parse(exchange.body) as Item;
    if (next.version <= item.version) throw new CheckFailed('the version did not move on');
    return next;
  });
  await check('DELETE /items/{id} with If-Match deletes it', async () => {
    const item = needs(replaced, 'PUT /items/{id}');
    const request = { token: tokens().full, params: { id: item.id } };
    answered(
      await api.call('deleteItem', {
        ...request,
        headers: { [Headers.ifMatch]: `"${item.version}"` },
      }),
      204,
    );
    const after = await api.call('getItem', request);
    if (after.status !== 404) throw new CheckFailed(`GET after DELETE answered ${after.status}`);
  });
}

/** Deletes every item carrying the run's tag, then checks none is left. */
async function deleteRunItems(api: ApiSession, runTag: string, token: string): Promise<void> {
  const list = async () => {
    const exchange = await api.call('listItems', { token, query: { tag: runTag } });
    if (exchange.status !== 200) {
      throw new CheckFailed(`GET /items?tag= answered ${exchange.status}`);
    }
    return (JSON.parse(exchange.body) as { items: Item[] }).items;
  };
  for (const item of await list()) {
    const exchange = await api.call('deleteItem', { token, params: { id: item.id } });
    if (exchange.status !== 204 && exchange.status !== 404) {
      throw new CheckFailed(`DELETE /items/${item.id} answered ${exchange.status}`);
    }
  }
  const left = await list();
  if (left.length)
    throw new CheckFailed(`${left.length} left: ${left.map((i) => i.id).join(', ')}`);
}
