type Stream = NodeJS.WriteStream;

/**
 * What the function writes to stdout and stderr while `run` runs, line by line, in order:
 * Powertools' Logger (warnings and errors on stderr) and Metrics write there, and Lambda sends
 * both streams to CloudWatch Logs, so this is their real output.
 */
export async function captureOutput<T>(
  run: () => Promise<T>,
): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const streams: Stream[] = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  const pending = new Map<Stream, string>();
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => {
      const text =
        (pending.get(stream) ?? '') +
        (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const parts = text.split('\n');
      pending.set(stream, parts.pop() ?? '');
      lines.push(...parts.filter((line) => line !== ''));
      return true;
    }) as Stream['write'];
  }
  try {
    const result = await run();
    return { result, lines };
  } finally {
    streams.forEach((stream, i) => (stream.write = originals[i] as Stream['write']));
    for (const rest of pending.values()) if (rest) lines.push(rest);
  }
}

/** Lines that are JSON objects, parsed. */
const jsonLines = (lines: readonly string[]) =>
  lines.flatMap((line) => {
    try {
      const value: unknown = JSON.parse(line);
      return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });

/** EMF records (they carry `_aws.CloudWatchMetrics`) and log lines, apart. */
export function splitRecords(lines: readonly string[]) {
  const records = jsonLines(lines);
  const isEmf = (r: Record<string, unknown>) => typeof r['_aws'] === 'object';
  return { logs: records.filter((r) => !isEmf(r)), metrics: records.filter(isEmf) };
}
