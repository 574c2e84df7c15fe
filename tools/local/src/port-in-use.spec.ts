import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { assertPortsFree } from './port-in-use';

describe('assertPortsFree', () => {
  let other: Server;
  let taken: number;
  beforeAll(async () => {
    other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    taken = (other.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => other.close(resolve)));

  it('names the port another server holds', async () => {
    await expect(assertPortsFree([{ port: taken, what: 'the API' }])).rejects.toThrow(
      `port ${taken} is in use (the API)`,
    );
  });

  it('passes a free port and leaves it free', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const free = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await expect(assertPortsFree([{ port: free, what: 'the API' }])).resolves.toBeUndefined();
    await expect(assertPortsFree([{ port: free, what: 'the API' }])).resolves.toBeUndefined();
  });
});
