import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname } from 'node:path';

function javaVersion(): string | undefined {
  try {
    const out = execFileSync('java', ['-version'], { encoding: 'utf8', stdio: 'pipe' });
    return out.split('\n')[0];
  } catch (error) {
    // `java -version` prints to stderr.
    return (error as { stderr?: string }).stderr?.split('\n')[0];
  }
}

/** Enough about this machine to tell whether two results files can be compared. */
export function machineInfo() {
  const cpuList = cpus();
  return {
    cpuModel: cpuList[0]?.model,
    cpuCount: cpuList.length,
    totalMemoryGb: Math.round(totalmem() / 2 ** 30),
    platform: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    java: javaVersion()?.trim(),
    loadAverageAtStart: loadavg(),
  };
}

export function writeResults(file: string, results: Record<string, unknown>): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
