/**
 * Runs `run` with stdout writes dropped: the handler still formats every Powertools log line
 * and EMF record (that CPU is part of what the benchmarks measure), but thousands of them do
 * not flood the report. On Lambda stdout is a pipe to the log agent, outside the function's
 * time. Progress goes to stderr (support/progress.ts) and stays.
 */
export async function withStdoutDropped<T>(run: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await run();
  } finally {
    process.stdout.write = write;
  }
}
