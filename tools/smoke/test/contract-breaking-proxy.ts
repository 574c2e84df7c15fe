import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the proxy breaks the API's contract: a change to each answer on its way back. */
export type Breakage = (answer: {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}) => { headers: Record<string, string>; body: Buffer };

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** An API that breaks its contract: the real one behind a proxy that alters its answers. */
export async function startContractBreakingProxy(
  upstream: string,
  breakage: Breakage,
): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          (entry): entry is [string, string] =>
            typeof entry[1] === 'string' && entry[0] !== 'host' && entry[0] !== 'connection',
        ),
      );
      const method = req.method ?? 'GET';
      const answer = await fetch(`${upstream}${req.url ?? '/'}`, {
        method,
        headers,
        ...(body.length ? { body } : {}),
        redirect: 'manual',
      });
      // Framing headers are the proxy's own to set.
      const answerHeaders: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding'].includes(name)) {
          answerHeaders[name] = value;
        }
      });
      const broken = breakage({
        method,
        path: new URL(req.url ?? '/', upstream).pathname,
        status: answer.status,
        headers: answerHeaders,
        body: Buffer.from(await answer.arrayBuffer()),
      });
      res.writeHead(answer.status, broken.headers).end(method === 'HEAD' ? undefined : broken.body);
    })().catch((error: Error) => res.writeHead(502).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
