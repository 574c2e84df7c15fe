import { formatETag, Headers as HeaderNames, type Item, type ItemInput } from '@items-api/contract';
import type { CallOptions } from './client-options';
import type { ConditionalOptions, IfMatch, ItemsApi } from './items-api';
import { errorFromResponse } from './responses';
import type { RawItemsClient } from './raw-client';

type Response = { status: number; body: unknown; headers: Headers };

/** Narrows a ts-rest result to the expected statuses; anything else becomes an `ItemsApiError`. */
function expectStatus<R extends Response, S extends R['status']>(
  response: R,
  ...statuses: S[]
): Extract<R, { status: S }> {
  if ((statuses as number[]).includes(response.status))
    return response as Extract<R, { status: S }>;
  throw errorFromResponse(response);
}

function toETag(ifMatch: IfMatch): string {
  if (typeof ifMatch === 'string') return ifMatch;
  return formatETag(typeof ifMatch === 'number' ? ifMatch : ifMatch.version);
}

// ts-rest splices params into the path as they are: encode them, and refuse an empty id,
// which would silently turn `GET /items/{id}` into `GET /items`.
function idParams(target: string | Item): { id: string } {
  const id = typeof target === 'string' ? target : target.id;
  if (!id) throw new TypeError('An item id is required');
  return { id: encodeURIComponent(id) };
}

function transport({ signal, timeoutMs }: CallOptions = {}) {
  return { fetchOptions: signal ? { signal } : undefined, timeoutMs };
}

/** list/create/get/replace/remove over the raw ts-rest client. */
export function createItemsResource(
  raw: RawItemsClient,
): Pick<ItemsApi, 'list' | 'create' | 'get' | 'replace' | 'remove'> {
  return {
    async list(query, options) {
      const response = await raw.listItems({ query: query ?? {}, ...transport(options) });
      return expectStatus(response, 200).body;
    },

    async create(input, options) {
      const key = options?.idempotencyKey ?? globalThis.crypto.randomUUID();
      const response = await raw.createItem({
        body: input,
        headers: { [HeaderNames.idempotencyKey]: key },
        ...transport(options),
      });
      return expectStatus(response, 201).body;
    },

    async get(target, options) {
      const cached = typeof target === 'string' ? undefined : target;
      const response = await raw.getItem({
        params: idParams(target),
        headers: { [HeaderNames.ifNoneMatch]: cached && formatETag(cached.version) },
        ...transport(options),
      });
      if (cached && response.status === 304) return cached;
      return expectStatus(response, 200).body;
    },

    async replace(target: string | Item, input: ItemInput, options?: ConditionalOptions) {
      const ifMatch = options?.ifMatch ?? (typeof target === 'string' ? undefined : target);
      const response = await raw.replaceItem({
        params: idParams(target),
        headers: { [HeaderNames.ifMatch]: ifMatch === undefined ? undefined : toETag(ifMatch) },
        body: input,
        ...transport(options),
      });
      return expectStatus(response, 200).body;
    },

    async remove(target, options) {
      const ifMatch = options?.ifMatch ?? (typeof target === 'string' ? undefined : target);
      const response = await raw.deleteItem({
        params: idParams(target),
        headers: { [HeaderNames.ifMatch]: ifMatch === undefined ? undefined : toETag(ifMatch) },
        ...transport(options),
      });
      expectStatus(response, 204);
    },
  };
}
