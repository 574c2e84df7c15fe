import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds spent, by kind of process, between two samples. */
export type CpuByProcess = Record<string, number>;

/** Which kind of process a child of this one is, from its command line (undefined: not counted). */
export type Classify = (commandLine: string) => string | undefined;

type Sample = { self: number; reapedChildren: number; children: Map<number, [string, number]> };

type Stat = { parent: number; ticks: number; reapedTicks: number };

/** Linux `/proc/<pid>/stat`: ppid (field 4), utime, stime, cutime, cstime (14–17), in ticks. */
function readStat(pid: number | 'self'): Stat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const at = (i: number) => fields[i] ?? 0;
    return { parent: at(1), ticks: at(11) + at(12), reapedTicks: at(13) + at(14) };
  } catch {
    return undefined;
  }
}

/** The usual clock tick on Linux (`getconf CLK_TCK`); /proc reports times in these. */
const TICKS_PER_SECOND = 100;

/** This process and every process below it (DynamoDB Local runs under a watchdog shell). */
function sample(classify: Classify): Sample {
  const self = readStat('self') ?? { parent: 0, ticks: 0, reapedTicks: 0 };
  const stats = new Map<number, Stat>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    const stat = Number.isInteger(pid) ? readStat(pid) : undefined;
    if (stat) stats.set(pid, stat);
  }
  const below = (pid: number): boolean => {
    for (let at = stats.get(pid)?.parent; at !== undefined && at > 1; at = stats.get(at)?.parent) {
      if (at === process.pid) return true;
    }
    return false;
  };
  const children = new Map<number, [string, number]>();
  for (const [pid, stat] of stats) {
    if (!below(pid)) continue;
    try {
      const kind = classify(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
      if (kind) children.set(pid, [kind, stat.ticks]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return { self: self.ticks, reapedChildren: self.reapedTicks, children };
}

/**
 * Measures where the CPU goes while `run` runs: this process (`self`), the processes below it
 * by kind, and direct children that ended and were reaped meanwhile (`ended`: a load generator
 * that exits at the end of its run). Linux only: elsewhere it resolves to undefined.
 */
export async function cpuByProcess<T>(
  classify: Classify,
  run: () => Promise<T>,
): Promise<{ result: T; cpu?: CpuByProcess }> {
  if (process.platform !== 'linux') return { result: await run() };
  const before = sample(classify);
  const result = await run();
  const after = sample(classify);
  const cpu: CpuByProcess = {
    self: (after.self - before.self) / TICKS_PER_SECOND,
    ended: (after.reapedChildren - before.reapedChildren) / TICKS_PER_SECOND,
  };
  for (const [pid, [kind, ticks]] of after.children) {
    const start = before.children.get(pid)?.[1] ?? 0;
    cpu[kind] = (cpu[kind] ?? 0) + (ticks - start) / TICKS_PER_SECOND;
  }
  return { result, cpu };
}
