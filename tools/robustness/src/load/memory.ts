import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** `global.gc`, or one exposed at run time when the process was not started with --expose-gc. */
function garbageCollector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const MB = 1024 * 1024;

/** Resident set size and used heap in MB after a full garbage collection (twice: finalizers). */
export function settledMemoryMb(): { rss: number; heap: number } {
  const gc = garbageCollector();
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / MB, heap: heapUsed / MB };
}

export const currentRssMb = () => process.memoryUsage().rss / MB;
