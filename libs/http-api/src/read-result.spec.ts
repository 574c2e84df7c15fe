import { DEFAULT_CONTENT_TYPE, readResult } from './read-result';

// AWS guide "Working with AWS Lambda proxy integrations for HTTP APIs", "Lambda function response
// for format 2.0".
describe('readResult', () => {
  it('takes a result without statusCode as a 200 JSON body', () => {
    expect(readResult({ hello: 'world' })).toEqual({
      ok: true,
      response: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        cookies: [],
        body: Buffer.from('{"hello":"world"}'),
      },
    });
    expect(response(readResult('Hello from Lambda!')).body.toString()).toBe('Hello from Lambda!');
  });

  it('maps statusCode, headers, cookies and base64 bodies', () => {
    const read = readResult({
      statusCode: 201,
      headers: { ETag: '"1"', 'X-Count': 3, 'X-Flag': true, 'Content-Type': 'text/html' },
      cookies: ['a=1; Secure', 'b=2'],
      body: Buffer.from('hi').toString('base64'),
      isBase64Encoded: true,
    });
    expect(response(read)).toEqual({
      status: 201,
      headers: { etag: '"1"', 'x-count': '3', 'x-flag': 'true', 'content-type': 'text/html' },
      cookies: ['a=1; Secure', 'b=2'],
      body: Buffer.from('hi'),
    });
  });

  it('gives a body without content-type the default one, and an empty body none', () => {
    expect(response(readResult({ statusCode: 200, body: '{"a":1}' })).headers).toEqual({
      'content-type': DEFAULT_CONTENT_TYPE,
    });
    expect(response(readResult({ statusCode: 204 })).headers).toEqual({});
  });

  it.each([
    ['a status that is a string', { statusCode: '200' }, 'statusCode is "200", not an integer'],
    ['a status out of range', { statusCode: 999 }, 'statusCode 999 is outside 100–599'],
    ['a fractional status', { statusCode: 200.5 }, 'statusCode is 200.5, not an integer'],
    [
      'an object-valued header',
      { statusCode: 200, headers: { 'x-a': { b: 1 } } },
      'header x-a is an object, not a string, number or boolean',
    ],
    [
      'a null header',
      { statusCode: 200, headers: { 'x-a': null } },
      'header x-a is null, not a string, number or boolean',
    ],
    [
      'a header with a line break',
      { statusCode: 200, headers: { 'x-a': 'a\r\nset-cookie: x=1' } },
      'header x-a holds a line break or NUL',
    ],
    [
      'a header name with a space',
      { statusCode: 200, headers: { 'x a': '1' } },
      'header name "x a" is not a token',
    ],
    [
      'headers that are an array',
      { statusCode: 200, headers: ['x'] },
      'headers is an array, not an object',
    ],
    [
      'cookies that are not strings',
      { statusCode: 200, cookies: [1] },
      'cookies must be a list of strings without line breaks',
    ],
    [
      'a body that is an object',
      { statusCode: 200, body: { a: 1 } },
      'body is an object, not a string',
    ],
    [
      'isBase64Encoded that is a string',
      { statusCode: 200, body: 'aGk=', isBase64Encoded: 'true' },
      'isBase64Encoded is a string, not a boolean',
    ],
  ])('refuses %s, saying why (the gateway answers 500)', (_label, result, reason) => {
    expect(readResult(result)).toEqual({ ok: false, reason });
  });
});

function response(read: ReturnType<typeof readResult>) {
  if (!read.ok) throw new Error(read.reason);
  return read.response;
}
