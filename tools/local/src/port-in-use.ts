import { createServer } from 'node:net';

/** What a person reads when a port is taken, whoever finds out. */
export const portInUseMessage = (port: number, what: string) =>
  `port ${port} is in use (${what}): stop the other server or choose another --port`;

/**
 * Fails at once when a port is taken (another `npm start`, say) rather than after the build:
 * listens on it for a moment, where the server will listen (127.0.0.1).
 */
export async function assertPortsFree(ports: { port: number; what: string }[]): Promise<void> {
  for (const { port, what } of ports) {
    if (port === 0) continue;
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new Error(
            error.code === 'EADDRINUSE'
              ? portInUseMessage(port, what)
              : `port ${port}: ${error.message}`,
          ),
        ),
      );
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
    });
  }
}
