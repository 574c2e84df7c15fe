import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { launchOnPort, onFreePort, PortTakenError, startDynamoDbLocal } from './dynamodb-local';
import { assertPortFree, freePort } from './free-port';

const accepts = (port: number, host = '127.0.0.1') =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => socket.destroy() && resolve(true));
    socket.once('error', () => resolve(false));
  });

/**
 * Resolves once nothing listens on `port` any more. Nothing reports the end of a process that
 * is not this one's child, so it asks again every 100 ms until then: the outcome does not depend
 * on how long that takes, and the test's timeout is the only bound.
 */
async function released(port: number): Promise<void> {
  while (await accepts(port)) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('DynamoDB Local', () => {
  it('starts, serves and stops, freeing its port', async () => {
    const db = await startDynamoDbLocal({ inMemory: true });
    expect(await accepts(db.port)).toBe(true);
    // stop() resolves once the JVM has exited, so the port is free by then.
    await db.stop();
    expect(await accepts(db.port)).toBe(false);
    await expect(assertPortFree(db.port)).resolves.toBeUndefined();
  });

  // Issue: with no bind option DynamoDB Local listened on every interface, unauthenticated.
  it('listens on loopback only: every other address of this machine is refused', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && !a.address.startsWith('fe80:'))
      .map((a) => a!.address);
    expect(others.length).toBeGreaterThan(0);
    const db = await startDynamoDbLocal({ inMemory: true });
    try {
      expect(await accepts(db.port)).toBe(true);
      for (const address of others)
        expect([address, await accepts(db.port, address)]).toEqual([address, false]);
    } finally {
      await db.stop();
    }
  });

  it('names a taken port in one line', async () => {
    const db = await startDynamoDbLocal({ inMemory: true });
    try {
      await expect(startDynamoDbLocal({ inMemory: true, port: db.port })).rejects.toThrow(
        `port ${db.port} on 127.0.0.1 is already in use`,
      );
    } finally {
      await db.stop();
    }
  });

  it('ends with that message, not a hang, when its port is taken after the check', async () => {
    const port = await freePort();
    await assertPortFree(port);
    // Taken once the check has passed, before the JVM binds it.
    const blocker = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      // Not "did not start within 60 s": the JVM ends on a failed start, and says why.
      await expect(launchOnPort(port, { inMemory: true })).rejects.toMatchObject({
        name: PortTakenError.name,
        message: `DynamoDB Local cannot start: port ${port} on 127.0.0.1 is already in use`,
      });
    } finally {
      blocker.close();
    }
  });

  it('starts on another free port when the one it chose is taken before it binds', async () => {
    const tried: number[] = [];
    const result = await onFreePort(async (port) => {
      tried.push(port);
      if (tried.length < 3) throw new PortTakenError(`port ${port} taken`);
      return port;
    });
    expect(tried).toHaveLength(3);
    expect(result).toBe(tried[2]);
    await expect(
      onFreePort(async () => {
        throw new PortTakenError('taken every time');
      }),
    ).rejects.toThrow('taken every time');
    await expect(
      onFreePort(async () => {
        throw new Error('another failure');
      }),
    ).rejects.toThrow('another failure');
  });

  it('leaves no java behind when its parent process is killed with SIGKILL', async () => {
    const child = spawn(
      process.execPath,
      ['-r', 'tsx/cjs', join(__dirname, '../../test/fixtures/start-dynamodb-local.ts')],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const port = await new Promise<number>((resolve) =>
      child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))),
    );
    expect(await accepts(port)).toBe(true);
    child.kill('SIGKILL');
    await released(port);
    await expect(assertPortFree(port)).resolves.toBeUndefined();
  });

  it('finds free ports on loopback', async () => {
    await expect(assertPortFree(await freePort())).resolves.toBeUndefined();
  });
});
