import { synthesizeTemplate, type StageOverrides } from '@items-api/infra';
import { startLocalApi, type LocalApi, type LocalApiOptions } from '@items-api/local';

export type ApiResponse = {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read bodies freely
  json: any;
};

export type SendOptions = {
  method?: string;
  /** The caller's `sub`; `null` sends no Authorization header. */
  as?: string | null;
  /** Serialized as the body with `content-type: application/json`. */
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
};

/** A dev-stage template whose throttle is out of reach: tests that aim at the function, not 429s. */
export const unthrottledTemplate = (overrides: StageOverrides = {}) =>
  synthesizeTemplate({
    stage: 'dev',
    overrides: { throttle: { rateLimit: 1_000_000, burstLimit: 1_000_000 }, ...overrides },
  });

const parseJson = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The local API (gateway emulator + items handler) with tokens minted on demand for any owner.
 * `send` defaults to owner `alice`.
 */
export async function startRobustApi(options: LocalApiOptions = {}) {
  const api: LocalApi = await startLocalApi({ inMemory: true, logLevel: 'silent', ...options });
  const tokens = new Map<string, Promise<string>>();
  const token = (owner: string) => {
    const known = tokens.get(owner);
    if (known) return known;
    const minted = api.issueToken({ sub: owner });
    tokens.set(owner, minted);
    return minted;
  };

  async function send(path: string, options: SendOptions = {}): Promise<ApiResponse> {
    const { method = 'GET', as = 'alice', json, body, headers = {} } = options;
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        ...(as === null ? {} : { authorization: `Bearer ${await token(as)}` }),
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: json === undefined ? body : JSON.stringify(json),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: parseJson(text) };
  }

  return { api, token, send, stop: () => api.stop() };
}

export type RobustApi = Awaited<ReturnType<typeof startRobustApi>>;
