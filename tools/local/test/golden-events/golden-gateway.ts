import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  UnsecuredJWT,
  type JWTHeaderParameters,
} from 'jose';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createJwtAuthorizer, type JwtAuthorizer } from '../../src/auth/jwt-authorizer';
import { jsonResponse } from '@items-api/http-api';
import { createGatewayServer } from '../../src/server/gateway-server';
import type { Integration } from '../../src/server/invoke';
import type { GatewayConfig } from '../../src/template/gateway-config';
import { localAudiences } from '../../src/template/read-authorizer';
import { readGatewayConfig } from '../../src/template/read-gateway-config';
import { FIXTURE_AUDIENCE, fixtureTemplate, type FixtureOptions } from './fixture-template';

/** The local issuer's audience, standing in for the template's deploy-time `{Ref: AppClient}`. */
export const STAND_IN_AUDIENCE = 'local-stand-in';
const ISSUER_PATH = '/_issuer';

export type RawResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The parsed JSON body, when it is JSON. */
  json: unknown;
};

/** The parts of a response up to here, or `undefined` when it is not complete yet. */
function parseResponse(data: Buffer): RawResponse | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine = '', ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}\n${value}`;
  }
  const length = Number(headers['content-length'] ?? 0);
  if (data.length < end + 4 + length) return undefined;
  const body = data.subarray(end + 4, end + 4 + length);
  let json: unknown;
  try {
    json = JSON.parse(body.toString());
  } catch {
    json = undefined;
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body, json };
}

/**
 * A request written byte for byte to a socket — repeated headers, `..` segments and `%00` reach
 * the server exactly as given, which `fetch` would normalise or refuse.
 */
export function rawRequest(
  port: number,
  request: {
    method?: string;
    target: string;
    headers?: [string, string][];
    body?: Buffer | string;
  },
): Promise<RawResponse> {
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: [string, string][] = [
    ['Host', `127.0.0.1:${port}`],
    ...(request.headers ?? []),
    ...(body ? ([['Content-Length', String(body.length)]] as [string, string][]) : []),
  ];
  const head =
    `${request.method ?? 'GET'} ${request.target} HTTP/1.1\r\n` +
    headers.map(([name, value]) => `${name}: ${value}\r\n`).join('') +
    '\r\n';
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const response = parseResponse(data);
      if (response) {
        socket.destroy();
        resolve(response);
      }
    });
    socket.on('error', (error) => {
      const response = parseResponse(data);
      if (response) resolve(response);
      else reject(error);
    });
    socket.on('close', () =>
      reject(new Error(`closed before a full response: ${data.toString()}`)),
    );
    socket.write(head);
    if (body) socket.write(body);
  });
}

/**
 * The local gateway on the fixture template, with functions that record the events they get and
 * a token issuer of its own (RSA key `k1` in its JWKS) standing in for the template's issuer.
 */
export async function startGoldenGateway(
  options: FixtureOptions & {
    requestTimeoutMs?: number;
    maxConnections?: number;
    maxHeldBodyBytes?: number;
  } = {},
) {
  const config = readGatewayConfig(fixtureTemplate(options));
  const events: APIGatewayProxyEventV2[] = [];
  // One RSA key signs with every RS*/PS* algorithm: kept as a JWK, imported per algorithm.
  const pair = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const { publicKey } = pair;
  const privateJwk = await exportJWK(pair.privateKey);
  const foreignJwk = await exportJWK(
    (await generateKeyPair('RS256', { modulusLength: 2048, extractable: true })).privateKey,
  );
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', use: 'sig' };
  const state: {
    url: string;
    authorize?: JwtAuthorizer;
    preflightStatus: number;
    /** While set, the echo function answers only once it settles. */
    gate?: Promise<void>;
    arrivals: ((event: APIGatewayProxyEventV2) => void)[];
  } = { url: '', preflightStatus: 204, arrivals: [] };
  const issuer = () => `${state.url}${ISSUER_PATH}`;
  const record = (event: APIGatewayProxyEventV2) => {
    events.push(event);
    for (const arrived of state.arrivals.splice(0)) arrived(event);
  };
  const refusals: { functionId: string; reason: string }[] = [];
  const server: Server = createGatewayServer({
    config,
    integrations: inProcess(config, {
      EchoFunction: async (event) => {
        record(event);
        await state.gate;
        return {
          statusCode: 200,
          headers: {
            'content-type': 'application/json',
            vary: 'accept-encoding',
            'access-control-allow-origin': '*',
          },
          body: '{"ok":true}',
        };
      },
      // Answers with the result the request body describes; `padBodyTo` grows its body.
      ResultFunction: async (event) => {
        record(event);
        const { result, padBodyTo } = JSON.parse(event.body ?? '{}') as {
          result: Record<string, unknown>;
          padBodyTo?: number;
        };
        return padBodyTo ? { ...result, body: 'x'.repeat(padBodyTo) } : result;
      },
      ThrowsFunction: async () => {
        throw new Error('boom at /srv/app/handler.js:12');
      },
      SlowFunction: () => new Promise((resolve) => setTimeout(resolve, 1_000, { statusCode: 200 })),
      OverrunFunction: () =>
        new Promise((resolve) => setTimeout(resolve, 1_500, { statusCode: 200 })),
      PreflightFunction: async (event) => {
        record(event);
        return {
          statusCode: state.preflightStatus,
          headers: { 'access-control-allow-origin': '*' },
        };
      },
    }),
    authorize: (identity, scopes) =>
      state.authorize
        ? state.authorize(identity, scopes)
        : Promise.resolve({ ok: false, status: 401, challenge: 'Bearer' }),
    localRoutes: async (_req, { pathname: path }) => {
      if (path === `${ISSUER_PATH}/.well-known/openid-configuration`) {
        return jsonResponse(
          200,
          JSON.stringify({ issuer: issuer(), jwks_uri: `${issuer()}/jwks` }),
        );
      }
      if (path === `${ISSUER_PATH}/jwks`) return jsonResponse(200, JSON.stringify({ keys: [jwk] }));
      return undefined;
    },
    onRefusedResult: (functionId, reason) => refusals.push({ functionId, reason }),
    requestTimeoutMs: options.requestTimeoutMs,
    maxConnections: options.maxConnections,
    maxHeldBodyBytes: options.maxHeldBodyBytes,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${port}`;
  state.authorize = createJwtAuthorizer({
    issuer: issuer(),
    audience: localAudiences(config.authorizer, STAND_IN_AUDIENCE),
  });

  /**
   * A token of this issuer: `iss`, `aud`, `sub`, `iat` and `exp` (1 h) unless `claims` changes
   * them (`undefined` removes one); RS256 with `kid: k1` unless `header` says otherwise.
   */
  async function token(
    claims: Record<string, unknown> = {},
    header: Partial<JWTHeaderParameters> & { signWith?: 'foreign' } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload = Object.fromEntries(
      Object.entries({
        iss: issuer(),
        aud: FIXTURE_AUDIENCE,
        sub: 'alice',
        iat: now,
        exp: now + 3600,
        ...claims,
      }).filter(([, value]) => value !== undefined),
    );
    const { signWith, ...protectedHeader } = header;
    const alg = protectedHeader.alg ?? 'RS256';
    if (alg === 'none') return new UnsecuredJWT(payload).encode();
    const key =
      alg === 'HS256'
        ? new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!')
        : await importJWK(signWith === 'foreign' ? foreignJwk : privateJwk, alg);
    return new SignJWT(payload)
      .setProtectedHeader({ kid: 'k1', typ: 'JWT', ...protectedHeader, alg })
      .sign(key);
  }

  return {
    config,
    port,
    url: state.url,
    events,
    lastEvent: () => events.at(-1),
    /** The next event a function receives. */
    nextEvent: () => new Promise<APIGatewayProxyEventV2>((resolve) => state.arrivals.push(resolve)),
    /** Holds the echo function's answers until the returned function is called. */
    holdEchoAnswers: () => {
      let open = () => undefined as void;
      state.gate = new Promise<void>((resolve) => (open = resolve));
      return () => {
        state.gate = undefined;
        open();
      };
    },
    /** Why the gateway refused results, in order (what the local server logs). */
    refusals,
    token,
    /** What the preflight function answers (204, like the docs function of the items stack). */
    setPreflightStatus: (status: number) => {
      state.preflightStatus = status;
    },
    request: (request: Parameters<typeof rawRequest>[1]) => rawRequest(port, request),
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type GoldenGateway = Awaited<ReturnType<typeof startGoldenGateway>>;

type InProcessHandler = (event: APIGatewayProxyEventV2) => Promise<unknown>;

/**
 * The fixture's functions as in-process integrations (the events are what is under test here, not
 * the execution environments): a result as the environment would return it, a throw or a run past
 * the template's timeout as a failed invocation.
 */
function inProcess(
  config: GatewayConfig,
  handlers: Record<string, InProcessHandler>,
): Record<string, Integration> {
  return Object.fromEntries(
    Object.entries(handlers).map(([id, handler]) => {
      const timeoutMs = (config.functions[id]?.timeoutSeconds ?? 3) * 1000;
      const integration: Integration = async (event) => {
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
        });
        try {
          const result = await Promise.race([handler(event), timedOut]);
          return { ok: true, json: JSON.stringify(result ?? null) };
        } catch {
          return { ok: false, reason: 'error' };
        } finally {
          clearTimeout(timer);
        }
      };
      return [id, integration];
    }),
  );
}
