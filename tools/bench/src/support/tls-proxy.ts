import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';

export type TlsProxy = {
  /** `https://127.0.0.1:<port>`: what a function is given as its DynamoDB endpoint. */
  endpoint: string;
  /** The proxy's self-signed certificate, for `NODE_EXTRA_CA_CERTS`. */
  caFile: string;
  close(): Promise<void>;
};

/** A throwaway P-256 certificate for 127.0.0.1, valid for a day, made with the openssl CLI. */
function selfSignedCertificate(dir: string) {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  // prettier-ignore
  const args = [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1',
  ];
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`the cold-start benchmark needs the openssl CLI: ${(error as Error).message}`);
  }
  return { key, cert };
}

/**
 * HTTPS on loopback in front of a plain-HTTP server (DynamoDB Local speaks HTTP only). Lambda
 * reaches DynamoDB over HTTPS; through this proxy a benchmarked function loads and runs the same
 * TLS client code, where an `http://` endpoint would have the SDK load `node:http` instead
 * (whose module namespace pulls in Node's fetch implementation, about 10 ms that no function
 * talking to AWS pays).
 */
export async function startTlsProxy(target: { host: string; port: number }): Promise<TlsProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-tls-'));
  const { key, cert } = selfSignedCertificate(dir);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (client) => {
    const upstream = connect(target.port, target.host);
    track(client);
    track(upstream);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    endpoint: `https://127.0.0.1:${port}`,
    caFile: cert,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
