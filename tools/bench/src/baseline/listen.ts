import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A baseline server listening on a free loopback port, and how to stop it (`then`, after it). */
export async function listenOnLoopback(
  server: Server,
  then: () => Promise<void> = async () => undefined,
): Promise<{ url: string; stop(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await then();
    },
  };
}
