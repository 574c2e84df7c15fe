// How one line a function writes is shown in the terminal. The shapes are the documented ones:
// - Powertools for AWS Lambda (TypeScript) Logger, "Standard structured keys": level, message,
//   timestamp, service, cold_start, function_name, function_memory_size, function_arn,
//   function_request_id, sampling_rate, xray_trace_id, correlation_id; anything else is the
//   caller's own keys; an error is logged under `error` as { name, location, message, stack }.
// - CloudWatch Embedded Metric Format specification, as Powertools Metrics writes it: a JSON
//   object whose `_aws` member has `Timestamp` and `CloudWatchMetrics: [{ Namespace,
//   Dimensions: [[name…]], Metrics: [{ Name, Unit? }] }]`; metric and dimension values are
//   top-level members.
// - Lambda's own console lines: `<ISO time>\t<request id>\t<LEVEL>\t<message>` in text format,
//   `{ timestamp, level, requestId, message }` in JSON format (newlines inside a text record
//   are written as \r).

/** What the terminal shows for a line: its level (when it has one) and the text after it. */
export type FormattedLine = { level?: string; text: string };

/** Keys every Powertools log line has: shown by the prefix and the level, not repeated. */
const POWERTOOLS_STANDARD_KEYS = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'cold_start',
  'function_name',
  'function_memory_size',
  'function_arn',
  'function_request_id',
  'sampling_rate',
  'xray_trace_id',
  'requestId',
]);

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseObject(line: string): Json | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `key=value`, strings bare unless they contain spaces or quotes, everything else as JSON. */
function field(key: string, value: unknown): string {
  const text =
    typeof value === 'string'
      ? /[\s"]/.test(value) || value === ''
        ? JSON.stringify(value)
        : value
      : JSON.stringify(value);
  return `${key}=${text}`;
}

type EmfDirective = {
  Namespace?: unknown;
  Dimensions?: unknown;
  Metrics?: { Name?: unknown; Unit?: unknown }[];
};

const UNIT_SUFFIX: Record<string, string> = {
  Milliseconds: 'ms',
  Seconds: 's',
  Microseconds: 'µs',
  Bytes: 'B',
  Kilobytes: 'KB',
  Megabytes: 'MB',
  Percent: '%',
};

/**
 * A metric value for people (`--log-format json` keeps it raw): integers as they are, others to
 * at most 2 decimals (234.48471900000004 → 234.48), below 1 to 3 significant digits
 * (0.000123456 → 0.000123); trailing zeros dropped. Anything not a number as written.
 */
export function roundForPeople(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || Number.isInteger(value)) {
    return String(value);
  }
  return String(Number(Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(3)));
}

/** An EMF record as one short line: `metrics <namespace> name=value… [dimension=value…]`. */
export function formatMetrics(record: Json): string {
  const aws = record['_aws'] as { CloudWatchMetrics?: EmfDirective[] };
  const parts = (aws.CloudWatchMetrics ?? []).map((directive) => {
    const metrics = (directive.Metrics ?? []).map(({ Name, Unit }) => {
      const name = String(Name);
      const value = record[name];
      const shown = Array.isArray(value)
        ? value.map(roundForPeople).join(',')
        : roundForPeople(value);
      const unit = typeof Unit === 'string' ? (UNIT_SUFFIX[Unit] ?? '') : '';
      return `${name}=${shown}${unit}`;
    });
    const dimensionNames = Array.isArray(directive.Dimensions)
      ? [...new Set((directive.Dimensions as unknown[]).flat().map(String))]
      : [];
    const dimensions = dimensionNames.map((name) => field(name, record[name]));
    return [
      String(directive.Namespace ?? ''),
      ...metrics,
      ...(dimensions.length ? [`[${dimensions.join(' ')}]`] : []),
    ].join(' ');
  });
  return `metrics ${parts.join('; ')}`;
}

function formatError(error: unknown): string[] {
  if (!isRecord(error)) return [field('error', error)];
  const head = `${String(error['name'] ?? 'Error')}: ${String(error['message'] ?? '')}`;
  const stack = typeof error['stack'] === 'string' ? error['stack'].split('\n').slice(1) : [];
  return [head, ...stack.map((line) => `    ${line.trim()}`)];
}

/** A Powertools (or Lambda JSON-format) log record: `LEVEL message key=value…`, an error below. */
function formatLogRecord(record: Json): FormattedLine {
  const fields: string[] = [];
  let errorLines: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (POWERTOOLS_STANDARD_KEYS.has(key)) continue;
    if (key === 'error') errorLines = formatError(value);
    else fields.push(field(key, value));
  }
  if (record['cold_start'] === true) fields.push('cold_start');
  const message =
    typeof record['message'] === 'string' ? record['message'] : JSON.stringify(record['message']);
  const head = [message, ...fields].join('  ');
  return {
    level: String(record['level']).toUpperCase(),
    text: [head, ...errorLines].join('\n'),
  };
}

const LAMBDA_TEXT_RECORD =
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t[^\t]*\t(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\t/;

/**
 * A line a function wrote, for a person: an EMF record as one `metrics` line, a structured log
 * record as level + message + its own keys, Lambda's console line as level + message; anything
 * else as written.
 */
export function formatFunctionLine(line: string): FormattedLine {
  const record = parseObject(line);
  if (record && isRecord(record['_aws']) && Array.isArray(record['_aws']['CloudWatchMetrics'])) {
    return { text: formatMetrics(record) };
  }
  if (record && typeof record['level'] === 'string' && 'message' in record) {
    return formatLogRecord(record);
  }
  const text = LAMBDA_TEXT_RECORD.exec(line);
  if (text) {
    return { level: text[1], text: line.slice(text[0].length).replace(/\r/g, '\n') };
  }
  return { text: line };
}
