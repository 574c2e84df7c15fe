import { formatFunctionLine } from './log-format';

/** `text`: for people (prefixed, structured records made readable); `json`: the raw lines. */
export type LogFormat = 'text' | 'json';

/** Where the local server writes what the functions log (the terminal unless told otherwise). */
export type LogSink = (line: string) => void;

export type Report = {
  requestId: string;
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Only on a cold start. */
  initDurationMs?: number;
  status: 'success' | 'error' | 'timeout';
  errorType?: string;
};

export type FunctionLog = {
  /** A line the function wrote, during `requestId` or (undefined) during init. */
  output(line: string, requestId: string | undefined): void;
  start(requestId: string): void;
  end(requestId: string): void;
  report(report: Report): void;
  /** Something the local runtime itself has to say about the function. */
  notice(text: string): void;
};

const ms = (value: number) => value.toFixed(2);

/**
 * Billed duration: rounded up to the millisecond; for on-demand functions the init phase is
 * billed too (AWS Compute Blog, "AWS Lambda standardizes billing for the INIT phase", 2025).
 */
export const billedMs = (report: Pick<Report, 'durationMs' | 'initDurationMs'>) =>
  Math.ceil(report.durationMs + (report.initDurationMs ?? 0));

/** The REPORT line as Lambda writes it in text format, tab-separated fields. */
export function reportLine(report: Report): string {
  return [
    `REPORT RequestId: ${report.requestId}`,
    `Duration: ${ms(report.durationMs)} ms`,
    `Billed Duration: ${billedMs(report)} ms`,
    `Memory Size: ${report.memorySizeMb} MB`,
    `Max Memory Used: ${report.maxMemoryUsedMb} MB`,
    ...(report.initDurationMs !== undefined
      ? [`Init Duration: ${ms(report.initDurationMs)} ms`]
      : []),
    ...(report.status !== 'success' ? [`Status: ${report.status}`] : []),
    ...(report.errorType ? [`Error Type: ${report.errorType}`] : []),
  ].join('\t');
}

/** Lambda's JSON-format platform records (`platform.start`, `platform.report`). */
function platformRecord(type: string, record: Record<string, unknown>): string {
  return JSON.stringify({ time: new Date().toISOString(), type, record });
}

/**
 * The log of one function in the terminal: CloudWatch's START / END / REPORT framing around
 * each invocation's lines. In text format each line is prefixed with the function and the
 * request it belongs to, and structured records are shown readably (see log-format.ts).
 */
export function createFunctionLog(options: {
  label: string;
  format: LogFormat;
  sink: LogSink;
  /**
   * Whether START / END / REPORT are written: Lambda writes them as INFO system records, so a
   * system log level of WARN or above leaves them out (LoggingConfig.SystemLogLevel).
   */
  platformRecords?: boolean;
}): FunctionLog {
  const log = formatLog(options);
  if (options.platformRecords !== false) return log;
  const skip = () => undefined;
  return { ...log, start: skip, end: skip, report: skip };
}

function formatLog(options: { label: string; format: LogFormat; sink: LogSink }): FunctionLog {
  const { label, sink } = options;
  if (options.format === 'json') {
    return {
      output: (line) => sink(line),
      start: (requestId) =>
        sink(platformRecord('platform.start', { requestId, version: '$LATEST' })),
      end: () => undefined,
      report: (report) =>
        sink(
          platformRecord('platform.report', {
            requestId: report.requestId,
            metrics: {
              durationMs: Number(ms(report.durationMs)),
              billedDurationMs: billedMs(report),
              memorySizeMB: report.memorySizeMb,
              maxMemoryUsedMB: report.maxMemoryUsedMb,
              ...(report.initDurationMs !== undefined
                ? { initDurationMs: Number(ms(report.initDurationMs)) }
                : {}),
            },
            status: report.status,
            ...(report.errorType ? { errorType: report.errorType } : {}),
          }),
        ),
      notice: (text) => sink(platformRecord('local.notice', { function: label, message: text })),
    };
  }
  const shortId = (requestId: string | undefined) => (requestId ?? 'init').slice(0, 8).padEnd(8);
  return {
    output(line, requestId) {
      const { level, text } = formatFunctionLine(line);
      const [first = '', ...rest] = text.split('\n');
      const prefix = `${label} ${shortId(requestId)} ${(level ?? '').padEnd(5)} `;
      sink(`${prefix}${first}`);
      for (const more of rest) sink(`${' '.repeat(prefix.length)}${more}`);
    },
    start: (requestId) => sink(`${label} START RequestId: ${requestId} Version: $LATEST`),
    end: (requestId) => sink(`${label} END RequestId: ${requestId}`),
    report: (report) => sink(`${label} ${reportLine(report)}`),
    notice: (text) => sink(`${label} ${text}`),
  };
}
