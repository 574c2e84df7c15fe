import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

/** Stands in for DynamoDB: answers 200 with the operation it was sent and counts calls. */
function startUpstream() {
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    const operation = String(req.headers['x-amz-target']).split('.')[1] ?? '';
    received.push(operation);
    req.resume().once('end', () => res.end(JSON.stringify({ operation })));
  });
  return new Promise<{ url: string; received: string[]; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        received,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

describe('fault proxy', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let proxy: FaultProxy;
  const call = (operation: string) =>
    fetch(proxy.url, {
      method: 'POST',
      headers: { 'x-amz-target': `DynamoDB_20120810.${operation}` },
      body: '{}',
    });

  beforeEach(async () => {
    upstream = await startUpstream();
    proxy = await startFaultProxy({ target: upstream.url, stallMs: 200 });
  });
  afterEach(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('forwards calls untouched when no rule fires', async () => {
    const res = await call('GetItem');
    expect([res.status, await res.json()]).toEqual([200, { operation: 'GetItem' }]);
    expect(proxy.stats()).toMatchObject({ forwarded: 1, calls: { GetItem: 1 } });
  });

  it('throttles only the next N calls of the named operation, as DynamoDB words it', async () => {
    proxy.inject({ kind: 'throttle', next: 2, operations: ['PutItem'] });
    const statuses = [];
    for (const operation of ['GetItem', 'PutItem', 'PutItem', 'PutItem']) {
      statuses.push((await call(operation)).status);
    }
    expect(statuses).toEqual([200, 400, 400, 200]);
    expect(upstream.received).toEqual(['GetItem', 'PutItem']);
    expect(proxy.stats().faults).toEqual({ throttle: 2 });
  });

  it('answers 500 and 503 with DynamoDB error types', async () => {
    proxy.inject({ kind: 'internal', next: 1 });
    proxy.inject({ kind: 'unavailable', next: 1 });
    const first = await call('Query');
    const second = await call('Query');
    expect(first.status).toBe(500);
    expect((await first.json()).__type).toMatch(/#InternalServerError$/);
    expect(second.status).toBe(503);
    expect(upstream.received).toEqual([]);
  });

  it('drops and stalls connections without forwarding them', async () => {
    proxy.inject({ kind: 'drop', next: 1 });
    await expect(call('PutItem')).rejects.toThrow();
    proxy.inject({ kind: 'stall', next: 1 });
    await expect(call('PutItem')).rejects.toThrow();
    expect(upstream.received).toEqual([]);
  });

  it('forwards but loses the answer of a lose-response call', async () => {
    proxy.inject({ kind: 'lose-response', next: 1 });
    await expect(call('PutItem')).rejects.toThrow();
    expect(upstream.received).toEqual(['PutItem']);
  });

  it('never fires a rule at 0 percent', async () => {
    proxy.inject({ kind: 'drop', percent: 0 });
    for (let i = 0; i < 5; i += 1) expect((await call('GetItem')).status).toBe(200);
  });
});
