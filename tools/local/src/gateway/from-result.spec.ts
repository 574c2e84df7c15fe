import { fromResult, MalformedResultError } from './from-result';

describe('fromResult', () => {
  it('takes a result without statusCode as a 200 JSON body', () => {
    const response = fromResult({ hello: 'world' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body.toString()).toBe('{"hello":"world"}');
  });

  it('maps statusCode, headers, cookies and base64 bodies', () => {
    const response = fromResult({
      statusCode: 201,
      headers: { ETag: '"1"', 'X-Count': 3 },
      cookies: ['a=1'],
      body: Buffer.from('hi').toString('base64'),
      isBase64Encoded: true,
    });
    expect(response).toMatchObject({
      status: 201,
      headers: { etag: '"1"', 'x-count': '3' },
      cookies: ['a=1'],
    });
    expect(response.body.toString()).toBe('hi');
  });

  // API Gateway developer guide, "Working with AWS Lambda proxy integrations for HTTP APIs":
  // the response fields' types; a result outside them is a malformed response (500).
  it.each([
    ['object header values', { statusCode: 200, headers: { 'x-a': { b: 1 } } }],
    ['a status that is not a number', { statusCode: 'two hundred' }],
    ['a status outside 100–599', { statusCode: 700 }],
    ['cookies that are not strings', { statusCode: 200, cookies: [1] }],
    ['a body that is not a string', { statusCode: 200, body: { a: 1 } }],
  ])('refuses a result with %s', (_label, result) => {
    expect(() => fromResult(result)).toThrow(MalformedResultError);
  });
});
