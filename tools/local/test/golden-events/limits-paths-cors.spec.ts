import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { connect, type Socket } from 'node:net';
import { DEFAULT_CONTENT_TYPE } from '@items-api/http-api';
import { createGatewayServer } from '../../src/server/gateway-server';
import { startGoldenGateway, type GoldenGateway } from './golden-gateway';

const MB = 1024 * 1024;

describe('limits, paths, results and CORS at the gateway', () => {
  let g: GoldenGateway;
  beforeAll(async () => {
    g = await startGoldenGateway();
  });
  afterAll(() => g.stop());

  /** Events the functions got while `action` ran. */
  const eventsDuring = async (action: () => Promise<unknown>) => {
    const before = g.events.length;
    await action();
    return g.events.slice(before);
  };
  const result = (described: unknown, padBodyTo?: number) =>
    g.request({
      method: 'POST',
      target: '/result',
      headers: [['Content-Type', 'application/json']],
      body: JSON.stringify({ result: described, padBodyTo }),
    });

  describe('request limits (HTTP API and Lambda quotas pages)', () => {
    it('answers a header line of 11 KB with 431 — request line and headers are held to 10240 bytes', async () => {
      const reached = await eventsDuring(async () => {
        const res = await g.request({
          target: '/public/x',
          headers: [['X-Big', 'a'.repeat(11 * 1024)]],
        });
        expect([res.status, res.json]).toEqual([
          431,
          { message: 'Request Header Fields Too Large' },
        ]);
      });
      expect(reached).toEqual([]);
      const fits = await g.request({
        target: '/public/x',
        headers: [['X-Big', 'a'.repeat(9 * 1024)]],
      });
      expect(fits.status).toBe(200);
    });

    it('answers a 70 KB head (past Node’s own parser limit) with 431 too, never a crash', async () => {
      const res = await g.request({
        target: '/public/x',
        headers: [['X-Huge', 'a'.repeat(70 * 1024)]],
      });
      expect([res.status, res.json]).toEqual([431, { message: 'Request Header Fields Too Large' }]);
      expect((await g.request({ target: '/public/x' })).status).toBe(200);
    });

    it('answers a 7 MB body with 413: the event exceeds Lambda’s 6 MB invocation payload', async () => {
      const reached = await eventsDuring(async () => {
        const res = await g.request({
          method: 'POST',
          target: '/public/x',
          headers: [['Content-Type', 'application/json']],
          body: Buffer.alloc(7 * MB, 'a'),
        });
        expect([res.status, res.json]).toEqual([413, { message: 'Request Entity Too Large' }]);
      });
      expect(reached).toEqual([]);
    });

    it('refuses a body that cannot fit the 6 MB invocation payload before reading it', async () => {
      // Only the head is sent: the 413 comes without waiting for 6.5 MB that never arrive.
      const res = await g.request({
        method: 'POST',
        target: '/public/x',
        headers: [
          ['Content-Type', 'application/json'],
          ['Content-Length', String(6.5 * MB)],
        ],
      });
      expect([res.status, res.json]).toEqual([413, { message: 'Request Entity Too Large' }]);
    });

    it('counts the base64 expansion: a 5 MB binary body is an 6.7 MB event, 413', async () => {
      const res = await g.request({
        method: 'POST',
        target: '/public/x',
        headers: [['Content-Type', 'application/octet-stream']],
        body: Buffer.alloc(5 * MB, 1),
      });
      expect(res.status).toBe(413);
    });

    it('answers an 11 MB body with 413 before reading it — over the 10 MB payload quota', async () => {
      const res = await g.request({
        method: 'POST',
        target: '/public/x',
        headers: [['Content-Type', 'application/json']],
        body: Buffer.alloc(11 * MB, 'a'),
      });
      expect([res.status, res.json]).toEqual([413, { message: 'Request Entity Too Large' }]);
    });

    it('refuses an unauthorised request before reading its body', async () => {
      const res = await g.request({
        method: 'POST',
        target: '/cognito',
        body: Buffer.alloc(3 * MB, 'a'),
      });
      expect(res.status).toBe(401);
    });
  });

  describe('paths (hotsock/voker live captures; what AWS does not document is refused)', () => {
    it('decodes %2F before routing: /public/a%2Fb is /public/a/b, which only $default matches', async () => {
      const token = await g.token();
      const res = await g.request({ target: '/public/a%2Fb', headers: [['Authorization', token]] });
      expect(res.status).toBe(200);
      const event = g.lastEvent() as APIGatewayProxyEventV2;
      expect([event.routeKey, event.rawPath]).toEqual(['$default', '/public/a/b']);
    });

    it.each([
      '/public/%00',
      '/public/a%0Db',
      '/public/..',
      '/public/../cognito',
      '/files/./x',
      '/public/%2e%2e',
      '/public/100%25zz',
      '/public/%E0%A4%A',
    ])('answers %s with 400 {"message":"Bad Request"} and calls nothing', async (target) => {
      const reached = await eventsDuring(async () => {
        const res = await g.request({ target });
        expect([res.status, res.json]).toEqual([400, { message: 'Bad Request' }]);
      });
      expect(reached).toEqual([]);
    });

    it('keeps // as sent (no route matches it but $default)', async () => {
      const token = await g.token();
      await g.request({ target: '//public/x', headers: [['Authorization', token]] });
      expect((g.lastEvent() as APIGatewayProxyEventV2).rawPath).toBe('//public/x');
    });

    it('answers a request line Node cannot parse with 400 JSON, and keeps serving', async () => {
      const res = await g.request({ target: '/public/a b' });
      expect(res.status).toBe(400);
      expect((await g.request({ target: '/public/ok' })).status).toBe(200);
    });
  });

  describe('function results (AWS guide: Lambda function response for format 2.0)', () => {
    it('gives a result without content-type the default one', async () => {
      const res = await result({ statusCode: 200, body: '{"a":1}' });
      expect(res.headers['content-type']).toBe(DEFAULT_CONTENT_TYPE);
      expect(res.body.toString()).toBe('{"a":1}');
    });

    it('turns set cookies into set-cookie headers', async () => {
      const res = await result({ statusCode: 200, cookies: ['a=1; Secure', 'b=2'] });
      expect(res.headers['set-cookie']).toBe('a=1; Secure\nb=2');
    });

    it.each([
      [
        'an object-valued header',
        { statusCode: 200, headers: { 'x-a': { b: 1 } } },
        'header x-a is an object',
      ],
      [
        'a header with CRLF',
        { statusCode: 200, headers: { 'x-a': 'a\r\nx-b: 1' } },
        'header x-a holds a line break',
      ],
      ['a status of 700', { statusCode: 700 }, 'statusCode 700 is outside 100–599'],
      ['a numeric body', { statusCode: 200, body: 5 }, 'body is a number'],
    ])(
      'answers %s with 500 {"message":"Internal Server Error"}, logging why',
      async (_label, described, why) => {
        const res = await result(described);
        expect([res.status, res.json]).toEqual([500, { message: 'Internal Server Error' }]);
        expect(g.refusals.at(-1)?.reason).toContain(why);
        expect((await g.request({ target: '/public/still-up' })).status).toBe(200);
      },
    );

    it('answers a function that throws with 500, and never its error', async () => {
      const res = await g.request({ target: '/throws' });
      expect([res.status, res.json]).toEqual([500, { message: 'Internal Server Error' }]);
    });

    it('answers 503 when the function outlasts the integration timeout', async () => {
      const res = await g.request({ target: '/slow' });
      expect([res.status, res.json]).toEqual([503, { message: 'Service Unavailable' }]);
    });

    it('answers 500 when the function outlasts its own timeout (1 s in the template)', async () => {
      const res = await g.request({ target: '/overrun' });
      expect([res.status, res.json]).toEqual([500, { message: 'Internal Server Error' }]);
    });

    it('answers a 7 MB result with 500: over Lambda’s 6 MB response payload', async () => {
      const res = await result(
        { statusCode: 200, headers: { 'content-type': 'text/plain' } },
        7 * MB,
      );
      expect([res.status, res.json]).toEqual([500, { message: 'Internal Server Error' }]);
      expect(g.refusals.at(-1)?.reason).toMatch(
        /over Lambda's 6291456-byte response payload quota/,
      );
    });
  });

  describe('CORS (AWS guide "Configuring CORS for an HTTP API")', () => {
    const preflight = (target: string, origin = 'https://app.example.com') =>
      g.request({
        method: 'OPTIONS',
        target,
        headers: [
          ['Origin', origin],
          ['Access-Control-Request-Method', 'PUT'],
          ['Access-Control-Request-Headers', 'Authorization,Content-Type'],
        ],
      });

    it('routes a preflight that OPTIONS /{proxy+} matches to its integration and puts the API’s CORS headers on the 204', async () => {
      const [reached] = await eventsDuring(async () => {
        const res = await preflight('/anything/here');
        expect(res.status).toBe(204);
        expect(res.headers).toMatchObject({
          'access-control-allow-origin': 'https://app.example.com',
          'access-control-allow-methods': 'GET,POST,PUT',
          'access-control-allow-headers': 'authorization,content-type',
          'access-control-max-age': '300',
        });
      });
      expect(reached?.routeKey).toBe('OPTIONS /{proxy+}');
    });

    it('passes the integration’s status on: a function answering 404 fails the preflight, as it would deployed', async () => {
      g.setPreflightStatus(404);
      try {
        expect((await preflight('/anything')).status).toBe(404);
      } finally {
        g.setPreflightStatus(204);
      }
    });

    it('gives an origin that is not allowed no CORS headers', async () => {
      const res = await preflight('/anything', 'https://evil.example');
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    });

    it('replaces the function’s CORS headers and adds origin to its vary', async () => {
      const res = await g.request({
        target: '/public/x',
        headers: [['Origin', 'https://app.example.com']],
      });
      expect(res.headers).toMatchObject({
        'access-control-allow-origin': 'https://app.example.com',
        'access-control-expose-headers': 'x-trace',
        vary: 'accept-encoding, origin',
      });
    });
  });
});

describe('preflights on templates without the preflight route', () => {
  it('sends a preflight to $default when nothing more specific matches: its authorizer answers 401', async () => {
    const g = await startGoldenGateway({ withoutPreflightRoute: true });
    try {
      const res = await g.request({
        method: 'OPTIONS',
        target: '/anything',
        headers: [
          ['Origin', 'https://app.example.com'],
          ['Access-Control-Request-Method', 'GET'],
        ],
      });
      expect(res.status).toBe(401);
    } finally {
      await g.stop();
    }
  });

  it('answers a preflight no route matches at the gateway: 204 with the CORS headers', async () => {
    const g = await startGoldenGateway({ withoutPreflightRoute: true, withoutDefaultRoute: true });
    try {
      const res = await g.request({
        method: 'OPTIONS',
        target: '/anything',
        headers: [
          ['Origin', 'https://app.example.com'],
          ['Access-Control-Request-Method', 'GET'],
        ],
      });
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect(g.events).toEqual([]);
      const plain = await g.request({ method: 'OPTIONS', target: '/anything' });
      expect([plain.status, plain.json]).toEqual([404, { message: 'Not Found' }]);
    } finally {
      await g.stop();
    }
  });
});

describe('templates the gateway does not emulate', () => {
  it('refuses to start on a payload format 1.0 integration rather than send it 2.0 events', async () => {
    const g = await startGoldenGateway();
    await g.stop();
    const config = {
      ...g.config,
      routes: g.config.routes.map((r) => ({ ...r, payloadFormatVersion: '1.0' as const })),
    };
    expect(() =>
      createGatewayServer({
        config,
        integrations: {},
        authorize: async () => ({ ok: false, status: 401, challenge: 'Bearer' }),
      }),
    ).toThrow(/payload format 1.0 is not emulated \(routes POST \/cognito, /);
  });
});

describe('memory held for request bodies', () => {
  it('holds large bodies back past its budget, while small requests go through', async () => {
    const g = await startGoldenGateway({ maxHeldBodyBytes: 200_000 });
    const sent: Promise<unknown>[] = [];
    const post = (bytes: number) => {
      const response = g.request({
        method: 'POST',
        target: '/public/x',
        headers: [['Content-Type', 'application/json']],
        body: JSON.stringify({ pad: 'x'.repeat(bytes) }),
      });
      sent.push(response);
      return response;
    };
    const large = () => g.events.filter((e) => (e.body?.length ?? 0) > 100_000);
    try {
      const open = g.holdEchoAnswers();
      const firstArrived = g.nextEvent();
      const first = post(150_000);
      await firstArrived;
      // The first body is held until its answer is sent; the second would pass the budget.
      const secondSeen = new Promise((resolve) => g.server.once('request', resolve));
      const second = post(150_000);
      await secondSeen;
      const smallArrived = g.nextEvent();
      const small = post(1_000);
      const event = await smallArrived;
      expect(event.body?.length).toBeLessThan(2_000);
      expect(large()).toHaveLength(1);
      open();
      const statuses = (await Promise.all([first, second, small])).map((r) => r.status);
      expect(statuses).toEqual([200, 200, 200]);
      expect(large()).toHaveLength(2);
    } finally {
      await g.stop();
      await Promise.allSettled(sent);
    }
  });
});

describe('connections', () => {
  it('answers 408 and closes a client that does not finish its request in time', async () => {
    const g = await startGoldenGateway({ requestTimeoutMs: 1_000 });
    try {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(g.port, '127.0.0.1');
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => resolve(data));
        socket.write('POST /public/x HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nab');
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toContain('{"message":"Request Timeout"}');
    } finally {
      await g.stop();
    }
  });

  it('frees the connection of a client that keeps its side open after the 408', async () => {
    const g = await startGoldenGateway({ requestTimeoutMs: 1_000 });
    try {
      const serverSideClosed = new Promise<void>((resolve) =>
        g.server.once('connection', (socket: Socket) => socket.once('close', () => resolve())),
      );
      const socket = connect({ port: g.port, host: '127.0.0.1', allowHalfOpen: true });
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      const answered = new Promise<void>((resolve) => socket.once('end', () => resolve()));
      socket.write('POST /public/x HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nab');
      await answered;
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      // The client never ends its side; the gateway closes the socket all the same.
      await serverSideClosed;
      socket.destroy();
    } finally {
      await g.stop();
    }
  });

  it('closes connections beyond the cap at once', async () => {
    const g = await startGoldenGateway({ maxConnections: 2 });
    const open = () => {
      const socket = connect(g.port, '127.0.0.1');
      return new Promise<typeof socket>((resolve) => socket.on('connect', () => resolve(socket)));
    };
    try {
      const held = [await open(), await open()];
      const third = await open();
      await new Promise((resolve) => third.on('close', resolve));
      expect(third.destroyed).toBe(true);
      for (const socket of held) socket.destroy();
    } finally {
      await g.stop();
    }
  });
});
