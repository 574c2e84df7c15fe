import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { startDynamoDbLocal } from './dynamodb-local';
import { assertPortFree, freePort } from './free-port';

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => socket.destroy() && resolve(true));
    socket.once('error', () => resolve(false));
  });

async function eventually(check: () => Promise<boolean>, attempts = 100): Promise<boolean> {
  for (let i = 0; i < attempts; i += 1) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('DynamoDB Local', () => {
  it('starts, serves and stops, freeing its port', async () => {
    const db = await startDynamoDbLocal({ inMemory: true });
    expect(await accepts(db.port)).toBe(true);
    await db.stop();
    expect(await eventually(async () => !(await accepts(db.port)))).toBe(true);
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
    expect(await eventually(async () => !(await accepts(port)))).toBe(true);
    await expect(assertPortFree(port)).resolves.toBeUndefined();
  });

  it('finds free ports on loopback', async () => {
    await expect(assertPortFree(await freePort())).resolves.toBeUndefined();
  });
});
