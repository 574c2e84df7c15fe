import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  capturedFormats,
  jwtAuthorizerCapture,
  noAuthorizerSample,
  typeOf,
  vokerCapture,
} from './aws-captures';
import { startGoldenGateway, type GoldenGateway } from './golden-gateway';

type EventWithJwt = APIGatewayProxyEventV2 & {
  requestContext: { authorizer?: { jwt: { claims: Record<string, unknown>; scopes: unknown } } };
};

const typesOf = (value: object) =>
  Object.fromEntries(Object.entries(value).map(([key, v]) => [key, typeOf(v)]));

describe('events compared field by field with events AWS delivered', () => {
  let g: GoldenGateway;
  beforeAll(async () => {
    g = await startGoldenGateway();
  });
  afterAll(() => g.stop());

  describe(`a JWT route without scopes (${jwtAuthorizerCapture.source})`, () => {
    const capture = jwtAuthorizerCapture;
    let event: EventWithJwt;
    let responseRequestId: string | undefined;
    beforeAll(async () => {
      const token = await g.token({ 'cognito:username': 'alice', token_use: 'id' });
      const response = await g.request({
        ...capture.sent,
        headers: [...capture.sent.headers, ['Authorization', `Bearer ${token}`]],
      });
      expect(response.status).toBe(200);
      responseRequestId = response.headers['apigw-requestid'];
      event = g.lastEvent() as EventWithJwt;
    });

    it('has the same top-level keys with the same types and values', () => {
      expect(typesOf(event)).toEqual(capture.event.types);
      expect(event).toMatchObject(capture.event.values);
      expect(event).not.toHaveProperty('body');
    });

    it('has the same header names (hop-by-hop dropped, the gateway’s four added)', () => {
      expect(Object.keys(event.headers).sort()).toEqual(capture.headerNames);
      expect(event.headers).toMatchObject(capture.headerValues);
      expect(event.headers['x-amzn-trace-id']).toMatch(capturedFormats.traceId);
      expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(event.headers['x-forwarded-port']).toBe(String(g.port));
    });

    it('has the same requestContext keys, types and formats', () => {
      const rc = event.requestContext;
      expect(typesOf(rc)).toEqual(capture.requestContext.types);
      expect(rc).toMatchObject(capture.requestContext.values);
      expect(typesOf(rc.http)).toEqual(capture.requestContext.http.types);
      expect(rc.http).toMatchObject(capture.requestContext.http.values);
      expect(rc.requestId).toMatch(capturedFormats.requestId);
      expect(rc.time).toMatch(capturedFormats.time);
      expect(Math.abs(rc.timeEpoch - Date.now())).toBeLessThan(60_000);
      // The captured domainName is the Host header, and domainPrefix its first label.
      expect(rc.domainName).toBe('127.0.0.1');
      expect(rc.domainPrefix).toBe(rc.apiId);
    });

    it('gives requestContext.requestId as the apigw-requestid response header (one id)', () => {
      expect(responseRequestId).toBe(event.requestContext.requestId);
    });

    it('has authorizer.jwt with string claims and scopes null', () => {
      const authorizer = event.requestContext.authorizer;
      expect(Object.keys(authorizer ?? {})).toEqual(capture.requestContext.authorizerKeys);
      expect(Object.keys(authorizer?.jwt ?? {}).sort()).toEqual(capture.requestContext.jwtKeys);
      expect(authorizer?.jwt.scopes).toBe(capture.requestContext.scopes);
      const claims = authorizer?.jwt.claims ?? {};
      expect(Object.keys(claims).sort()).toEqual(
        ['aud', 'cognito:username', 'exp', 'iat', 'iss', 'sub', 'token_use'].sort(),
      );
      for (const value of Object.values(claims)) {
        expect(typeof value).toBe(capture.requestContext.claimValueType);
      }
      expect(claims['exp']).toMatch(/^\d+$/);
    });
  });

  describe(`a request with body, cookies, query and repeated headers (${vokerCapture.source})`, () => {
    const capture = vokerCapture;
    let event: APIGatewayProxyEventV2;
    beforeAll(async () => {
      const token = await g.token();
      const response = await g.request({
        ...capture.sent,
        headers: [...capture.sent.headers, ['Authorization', token]],
      });
      expect(response.status).toBe(200);
      event = g.lastEvent() as APIGatewayProxyEventV2;
    });

    it('decodes rawPath and http.path, keeps rawQueryString as sent', () => {
      expect(event.rawPath).toBe(capture.event.rawPath);
      expect(event.requestContext.http.path).toBe(capture.event.httpPath);
      expect(event.rawQueryString).toBe(capture.event.rawQueryString);
    });

    it('decodes and comma-joins queryStringParameters', () => {
      expect(event.queryStringParameters).toEqual(capture.event.queryStringParameters);
    });

    it('moves cookies out of the headers and joins repeated headers with a bare comma', () => {
      expect(event.cookies).toEqual(capture.event.cookies);
      expect(event.headers).toMatchObject(capture.event.headerValues);
      for (const name of capture.event.absentHeaders)
        expect(event.headers).not.toHaveProperty(name);
    });

    it('passes a JSON body as text', () => {
      expect(event.body).toBe(capture.event.body);
      expect(event.isBase64Encoded).toBe(capture.event.isBase64Encoded);
    });
  });

  it(`gives a route with parameters pathParameters, a binary body base64, and no authorizer key on a public route (${noAuthorizerSample.source})`, async () => {
    const bytes = Buffer.from([0, 1, 2, 254, 255]);
    const response = await g.request({
      method: 'POST',
      target: '/public/caf%C3%A9',
      headers: [['Content-Type', 'image/png']],
      body: bytes,
    });
    expect(response.status).toBe(200);
    const event = g.lastEvent() as APIGatewayProxyEventV2;
    expect(event.routeKey).toBe('POST /public/{name}');
    expect(event.pathParameters).toEqual({ name: 'café' });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
    for (const key of noAuthorizerSample.absentRequestContextKeys) {
      expect(event.requestContext).not.toHaveProperty(key);
    }
    expect(event.requestContext.requestId).toMatch(capturedFormats.requestId);
  });
});
