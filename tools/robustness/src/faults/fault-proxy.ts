import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { dynamoErrors, type DynamoErrorKind } from './dynamo-errors';

/**
 * What the proxy does instead of (or besides) forwarding a DynamoDB call:
 * answer a DynamoDB error; `stall` — hold it past the SDK's request timeout, never forwarded;
 * `drop` — close the connection, never forwarded; `lose-response` — forward it (DynamoDB applies
 * it) but close the connection instead of returning the answer.
 */
export type FaultKind = DynamoErrorKind | 'stall' | 'drop' | 'lose-response';

export type FaultRule = {
  kind: FaultKind;
  /** Share of matching calls to fault, 0–100. Default 100. */
  percent?: number;
  /** Fault only the next N matching calls, then the rule is spent. */
  next?: number;
  /** DynamoDB operations the rule applies to (`PutItem`, `TransactWriteItems`…). Default: all. */
  operations?: readonly string[];
};

export type FaultStats = {
  forwarded: number;
  faults: Partial<Record<FaultKind, number>>;
  calls: Record<string, number>;
};

export type FaultProxy = {
  url: string;
  /** Adds a rule; rules are tried in the order added, the first that fires wins. */
  inject(rule: FaultRule): void;
  clear(): void;
  stats(): FaultStats;
  close(): Promise<void>;
};

const operationOf = (req: IncomingMessage) =>
  String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * An HTTP proxy on 127.0.0.1 between the items function and DynamoDB (Local) that injects the
 * failures a real table has: throttling, 500s and 503s, calls that hang, connections that drop.
 */
export async function startFaultProxy(options: {
  target: string;
  /** How long a stalled call is held (unless the client gives up first). Default 30 s. */
  stallMs?: number;
  random?: () => number;
}): Promise<FaultProxy> {
  const target = new URL(options.target);
  const stallMs = options.stallMs ?? 30_000;
  const random = options.random ?? Math.random;
  let rules: (FaultRule & { left?: number })[] = [];
  const stats: FaultStats = { forwarded: 0, faults: {}, calls: {} };
  const timers = new Set<NodeJS.Timeout>();

  const fire = (operation: string) =>
    rules.find((rule) => {
      if (rule.operations && !rule.operations.includes(operation)) return false;
      if (rule.left !== undefined && rule.left <= 0) return false;
      if (random() * 100 >= (rule.percent ?? 100)) return false;
      if (rule.left !== undefined) rule.left -= 1;
      return true;
    });

  function forward(req: IncomingMessage, body: Buffer): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        resolve,
      );
      upstream.once('error', reject);
      upstream.end(body);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readAll(req);
    const operation = operationOf(req);
    stats.calls[operation] = (stats.calls[operation] ?? 0) + 1;
    const kind = fire(operation)?.kind;
    if (kind) stats.faults[kind] = (stats.faults[kind] ?? 0) + 1;
    switch (kind) {
      case undefined:
      case 'lose-response': {
        const answer = await forward(req, body);
        const answerBody = await readAll(answer);
        stats.forwarded += 1;
        if (kind) return void req.socket.destroy();
        res.writeHead(answer.statusCode ?? 502, answer.headers).end(answerBody);
        return;
      }
      case 'stall': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          req.socket.destroy();
        }, stallMs);
        timers.add(timer);
        res.once('close', () => (clearTimeout(timer), timers.delete(timer)));
        return;
      }
      case 'drop':
        return void req.socket.destroy();
      default: {
        const error = dynamoErrors[kind];
        res.writeHead(error.status, error.headers).end(error.body);
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    inject: (rule) => rules.push({ ...rule, left: rule.next }),
    clear: () => void (rules = []),
    stats: () => structuredClone(stats),
    close: async () => {
      timers.forEach(clearTimeout);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
