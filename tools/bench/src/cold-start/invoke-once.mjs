// Runs in a fresh Node process: imports a Lambda bundle, answers one event, reports timings.
// Plain JavaScript on purpose: no TypeScript loader may sit between Node and the bundle.
import { pathToFileURL } from 'node:url';

const [bundle] = process.argv.slice(2);
const event = JSON.parse(process.env.BENCH_EVENT ?? '{}');
const context = {
  awsRequestId: 'cold-start',
  functionName: 'cold-start',
  getRemainingTimeInMillis: () => 10_000,
};

// performance.now() counts from the process's start: this is Node's own boot time.
const bootMs = performance.now();
const cpuAtBoot = process.cpuUsage();
const { handler } = await import(pathToFileURL(bundle).href);
const importedMs = performance.now();
const cpuImport = process.cpuUsage(cpuAtBoot);
const result = await handler(event, context);
const answeredMs = performance.now();
const cpuTotal = process.cpuUsage(cpuAtBoot);
const cpuMs = ({ user, system }) => (user + system) / 1000;

process.stdout.write(
  `\nBENCH_RESULT ${JSON.stringify({
    node: process.version,
    bootMs,
    initMs: importedMs - bootMs,
    invokeMs: answeredMs - importedMs,
    // CPU time of all the process's threads: unlike wall time, not stretched by other
    // processes competing for the machine's cores.
    initCpuMs: cpuMs(cpuImport),
    invokeCpuMs: cpuMs(cpuTotal) - cpuMs(cpuImport),
    statusCode: result.statusCode,
    body: result.body,
  })}\n`,
);
// The SDK keeps its socket open; a Lambda would be frozen here, this process just ends, after
// one turn of the event loop: a datagram the function queued (an X-Ray subsegment) leaves first.
setImmediate(() => process.exit(0));
