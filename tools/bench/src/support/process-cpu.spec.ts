import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpuByProcess } from './process-cpu';

/** A Node child that spends `ms` of its own CPU time (as it counts it), then waits or exits. */
function burner(ms: number, then: 'wait' | 'exit') {
  const script = `
    const start = process.cpuUsage();
    const spent = () => { const u = process.cpuUsage(start); return (u.user + u.system) / 1000; };
    while (spent() < ${ms}) {}
    process.stdout.write('burnt\\n');
    ${then === 'wait' ? 'setInterval(() => {}, 1000);' : ''}`;
  return spawn(process.execPath, ['-e', script, '--', 'cpu-burner'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const burnt = async (child: ReturnType<typeof burner>) => {
  for await (const chunk of child.stdout!) if (String(chunk).includes('burnt')) return;
};

const classify = (commandLine: string) =>
  commandLine.includes('cpu-burner') ? 'burner' : undefined;

// Linux /proc counts CPU in clock ticks (10 ms): readings are compared at that grain.
describe('cpuByProcess (from /proc)', () => {
  it('counts the CPU a live child spent, by the kind its command line names', async () => {
    const child = burner(150, 'wait');
    try {
      const { cpu } = await cpuByProcess(classify, () => burnt(child));
      expect(cpu?.['burner']).toBeGreaterThanOrEqual(0.12);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });

  it('counts a child that ended during the run as ended, and this process as self', async () => {
    const { cpu } = await cpuByProcess(classify, async () => {
      const child = burner(150, 'exit');
      await once(child, 'exit');
      const start = process.cpuUsage();
      for (let spent = 0; spent < 100;) {
        const u = process.cpuUsage(start);
        spent = (u.user + u.system) / 1000;
      }
    });
    expect(cpu?.['ended']).toBeGreaterThanOrEqual(0.12);
    expect(cpu?.['self']).toBeGreaterThanOrEqual(0.08);
    expect(cpu?.['burner']).toBeUndefined();
  });
});
