import { DEFAULT_CONTENT_TYPE, readResult } from './read-result';

// AWS guide "Working with AWS Lambda proxy integrations for HTTP APIs", "Lambda function response
// for format 2.0".
describe('readResult', () => {
  it('takes a result without statusCode as a 200 JSON body', () => {
    expect(readResult({ hello: 'world' })).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: Buffer.from('{"hello":"world"}'),
    });
    expect(readResult('Hello from Lambda!')?.body.toString()).toBe('Hello from Lambda!');
  });

  it('maps statusCode, headers, cookies and base64 bodies', () => {
    const response = readResult({
      statusCode: 201,
      headers: { ETag: '"1"', 'X-Count': 3, 'X-Flag': true, 'Content-Type': 'text/html' },
      cookies: ['a=1; Secure', 'b=2'],
      body: Buffer.from('hi').toString('base64'),
      isBase64Encoded: true,
    });
    expect(response).toEqual({
      status: 201,
      headers: { etag: '"1"', 'x-count': '3', 'x-flag': 'true', 'content-type': 'text/html' },
      cookies: ['a=1; Secure', 'b=2'],
      body: Buffer.from('hi'),
    });
  });

  it('gives a body without content-type the default one, and an empty body none', () => {
    expect(readResult({ statusCode: 200, body: '{"a":1}' })?.headers).toEqual({
      'content-type': DEFAULT_CONTENT_TYPE,
    });
    expect(readResult({ statusCode: 204 })?.headers).toEqual({});
  });

  it.each([
    ['a status that is a string', { statusCode: '200' }],
    ['a status out of range', { statusCode: 99 }],
    ['a fractional status', { statusCode: 200.5 }],
    ['an object-valued header', { statusCode: 200, headers: { 'x-a': { b: 1 } } }],
    ['a null header', { statusCode: 200, headers: { 'x-a': null } }],
    ['a header with a line break', { statusCode: 200, headers: { 'x-a': 'a\r\nset-cookie: x=1' } }],
    ['a header name with a space', { statusCode: 200, headers: { 'x a': '1' } }],
    ['headers that are an array', { statusCode: 200, headers: ['x'] }],
    ['cookies that are not strings', { statusCode: 200, cookies: [1] }],
    ['a body that is an object', { statusCode: 200, body: { a: 1 } }],
    [
      'isBase64Encoded that is a string',
      { statusCode: 200, body: 'aGk=', isBase64Encoded: 'true' },
    ],
  ])('refuses %s (the gateway answers 500)', (_label, result) => {
    expect(readResult(result)).toBeUndefined();
  });
});
