import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request } from 'node:https';
import { startTlsProxy, type TlsProxy } from './tls-proxy';

/** One HTTPS request through the proxy, trusting only its certificate. */
function get(proxy: TlsProxy, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${proxy.endpoint}${path}`, { ca: readFileSync(proxy.caFile) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the benchmarks’ loopback TLS proxy', () => {
  let upstream: Server;
  let proxy: TlsProxy;

  beforeAll(async () => {
    upstream = createServer((req, res) => res.end(`plain HTTP saw ${req.method} ${req.url}`));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
    const { port } = upstream.address() as { port: number };
    proxy = await startTlsProxy({ host: '127.0.0.1', port });
  });

  afterAll(async () => {
    await proxy.close();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it('serves HTTPS with a certificate valid for 127.0.0.1 and forwards to the plain server', async () => {
    expect(proxy.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await expect(get(proxy, '/items/1')).resolves.toEqual({
      status: 200,
      body: 'plain HTTP saw GET /items/1',
    });
  });

  it('is refused by a client that does not trust its certificate', async () => {
    await expect(
      new Promise((resolve, reject) => {
        const req = request(`${proxy.endpoint}/`, resolve);
        req.on('error', reject);
        req.end();
      }),
    ).rejects.toThrow(/self-signed certificate/);
  });
});
