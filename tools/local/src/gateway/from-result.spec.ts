import { fromResult } from './from-result';

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
});
