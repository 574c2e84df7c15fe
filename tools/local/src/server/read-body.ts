import type { IncomingMessage } from 'node:http';

/**
 * The request body, or `undefined` when it exceeds `limit` (the rest is drained, not kept) or
 * the client went away before sending all of it.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    if (request.complete && request.readableEnded) return resolve(Buffer.alloc(0));
    if (request.destroyed) return resolve(undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.once('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    request.once('close', () => {
      if (!request.complete) resolve(undefined);
    });
    request.once('error', reject);
  });
}
