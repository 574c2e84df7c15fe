import { preflightRefusals, type Preflight } from './cors-preflight';

const preflight = (status: number, headers: Record<string, string>): Preflight => ({
  origin: 'https://app.example',
  method: 'PUT',
  requestHeaders: ['authorization', 'if-match'],
  status,
  headers: new Headers(headers),
});

describe('preflightRefusals (Fetch Standard, CORS-preflight fetch)', () => {
  it('passes an answer that allows the origin, the method and each header', () => {
    expect(
      preflightRefusals(
        preflight(204, {
          'access-control-allow-origin': 'https://app.example',
          'access-control-allow-methods': 'GET,PUT',
          'access-control-allow-headers': 'Authorization, If-Match',
        }),
      ),
    ).toEqual([]);
  });

  it('names each reason a browser would refuse it', () => {
    expect(
      preflightRefusals(
        preflight(403, {
          'access-control-allow-origin': 'https://other.example',
          'access-control-allow-methods': 'GET',
          'access-control-allow-headers': 'if-match',
        }),
      ),
    ).toEqual([
      'status 403 is not an ok status',
      'access-control-allow-origin is https://other.example',
      'method PUT not in access-control-allow-methods',
      'access-control-allow-headers lacks authorization',
    ]);
  });

  it('takes * for the origin, methods and headers, except for authorization', () => {
    expect(
      preflightRefusals(
        preflight(200, {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': '*',
          'access-control-allow-headers': '*',
        }),
      ),
    ).toEqual(['access-control-allow-headers lacks authorization']);
  });
});
