import { createServer } from 'node:net';

export const portInUse = (port: number, host = '127.0.0.1') =>
  `port ${port} on ${host} is already in use`;

/**
 * Resolves when `port` can be bound on `host`, rejects with a one-line reason when it is taken
 * (the error keeps the system's `code`, `EADDRINUSE`).
 */
export function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        Object.assign(
          new Error(error.code === 'EADDRINUSE' ? portInUse(port, host) : error.message),
          { code: error.code },
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** A port the OS just handed out on loopback (free at the time of asking). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
