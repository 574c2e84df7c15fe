import { synthesizeTemplate, type StageOverrides } from '@items-api/infra';
import { startLocalApi, type LocalApi, type LocalApiOptions } from '@items-api/local';
import { assertDocumented, validatedResponses } from '@items-api/openapi-check';

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
 * Requests to an API at `url` as any owner (`send` defaults to `alice`), with tokens from `mint`
 * made once per owner.
 */
export function createApiClient(url: string, mint: (owner: string) => Promise<string>) {
  const tokens = new Map<string, Promise<string>>();
  const token = (owner: string) => {
    const known = tokens.get(owner);
    if (known) return known;
    const minted = mint(owner);
    tokens.set(owner, minted);
    return minted;
  };

  async function send(path: string, options: SendOptions = {}): Promise<ApiResponse> {
    const { method = 'GET', as = 'alice', json, body, headers = {} } = options;
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(as === null ? {} : { authorization: `Bearer ${await token(as)}` }),
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: json === undefined ? body : JSON.stringify(json),
    });
    const text = await response.text();
    // Every answer must be one the committed openapi.json declares (checked by Ajv, not zod).
    assertDocumented({
      method,
      url: path,
      status: response.status,
      headers: response.headers,
      body: text,
    });
    return { status: response.status, headers: response.headers, text, json: parseJson(text) };
  }

  return { url, token, send };
}

/** The local API (gateway emulator + items handler) in this process, on DynamoDB Local. */
export async function startRobustApi(options: LocalApiOptions = {}) {
  const api: LocalApi = await startLocalApi({ inMemory: true, logLevel: 'silent', ...options });
  const client = createApiClient(api.url, (owner) => api.issueToken({ sub: owner }));
  const stop = async () => {
    console.log(`openapi.json: ${validatedResponses()} responses validated`);
    await api.stop();
  };
  return { ...client, api, stop };
}

export type RobustApi = Awaited<ReturnType<typeof startRobustApi>>;
