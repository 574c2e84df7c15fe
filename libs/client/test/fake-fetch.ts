import { ContentTypes, ProblemTypes, type Item, type ProblemTypeName } from '@items-api/contract';
import type { FetchLike } from '../src';

export const baseUrl = 'http://127.0.0.1:3000';

/** What the client sent, as the fake saw it. */
export type SentRequest = {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly signal?: AbortSignal;
};

/** A scripted answer: a response, a thrown error (network failure), or a function of the request. */
export type Reply = Response | Error | ((request: SentRequest) => Response | Promise<Response>);

/**
 * A `fetch` that answers from a script, one reply per call (the last one repeats), and records
 * every request so tests can look at headers, bodies and attempts.
 */
export function fakeFetch(...replies: Reply[]): FetchLike & { requests: SentRequest[] } {
  const requests: SentRequest[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const request: SentRequest = {
      url,
      method: init.method ?? 'GET',
      headers: headersOf(init),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      signal: init.signal ?? undefined,
    };
    requests.push(request);
    const reply = replies[Math.min(requests.length, replies.length) - 1];
    if (reply instanceof Error) throw reply;
    return typeof reply === 'function' ? reply(request) : reply.clone();
  };
  return Object.assign(fetch, { requests });
}

function headersOf(init: RequestInit): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => (headers[name] = value));
  return headers;
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': ContentTypes.json, ...headers },
  });
}

export function problem(
  name: ProblemTypeName,
  extra: { detail?: string; errors?: { path: string; message: string }[] } = {},
  headers: Record<string, string> = {},
): Response {
  const { type, title, status } = ProblemTypes[name];
  return new Response(JSON.stringify({ type, title, status, ...extra }), {
    status,
    headers: { 'content-type': ContentTypes.problem, ...headers },
  });
}

export function empty(status: 204 | 304): Response {
  return new Response(null, { status });
}

/** A fetch that never answers on its own: it settles only when its signal aborts. */
export function hangingReply(request: SentRequest): Promise<Response> {
  return new Promise((_resolve, reject) => {
    request.signal?.addEventListener('abort', () => reject(request.signal?.reason));
  });
}

export function anItem(overrides: Partial<Item> = {}): Item {
  return {
    id: '01J9Z8Y7X6W5V4T3S2R1Q0P9N8',
    name: 'Milk',
    tags: [],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}
