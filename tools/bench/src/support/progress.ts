/** Progress and status lines go to stderr, so stdout carries only the results. */
export function status(message: string): void {
  process.stderr.write(`${message}\n`);
}

/**
 * A one-line progress bar on a terminal (redrawn in place); elsewhere, a line every 10 %.
 * Call `update(done)` as work finishes and `finish()` once at the end.
 */
export function progressBar(label: string, total: number) {
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let lastDecile = -1;
  const render = (done: number) => {
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * 30);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${Math.round(share * 100)} %, ${rate.toLocaleString('en-US')}/s)`;
  };
  return {
    update(done: number) {
      if (tty) {
        process.stderr.write(`\r${render(done)}`);
        return;
      }
      const decile = Math.floor((done / Math.max(total, 1)) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        process.stderr.write(`${render(done)}\n`);
      }
    },
    finish() {
      if (tty) process.stderr.write('\n');
    },
  };
}
