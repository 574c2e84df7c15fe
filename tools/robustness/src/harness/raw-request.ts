import { request } from 'node:http';

export type RawResponse = { status: number; headers: Record<string, unknown>; text: string };

/**
 * A request fetch cannot make: a body streamed chunked (no content-length) of `size` bytes, in
 * 64 KB chunks. Resolves with the answer even when the server answers before the upload ends.
 */
export function streamBody(
  url: string,
  options: { method: string; headers: Record<string, string>; size: number },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method, headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.once('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < options.size) {
        const part = chunk.subarray(0, Math.min(chunk.length, options.size - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}
