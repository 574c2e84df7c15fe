import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExecutionEnvironment } from '../runtime/execution-environment';
import { localApiBuildOptions, workspaceRoot } from './items-bundles';

/** A Chrome DevTools Protocol client over the inspector's WebSocket: commands and events. */
async function connectInspector(url: string) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  const listeners = new Map<string, ((params: never) => void)[]>();
  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as {
      id?: number;
      method?: string;
      params?: unknown;
      result?: unknown;
      error?: { message: string };
    };
    if (data.id !== undefined) {
      pending.get(data.id)?.(data.error ? new Error(data.error.message) : data.result);
      pending.delete(data.id);
    } else if (data.method) {
      for (const listener of listeners.get(data.method) ?? []) listener(data.params as never);
    }
  });
  return {
    async send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = nextId++;
      const answer = new Promise<unknown>((resolve) => pending.set(id, resolve));
      socket.send(JSON.stringify({ id, method, params }));
      const result = await answer;
      if (result instanceof Error) throw result;
      return result as T;
    },
    on<T>(method: string, listener: (params: T) => void) {
      listeners.set(method, [...(listeners.get(method) ?? []), listener as never]);
    },
    close: () => socket.close(),
  };
}

/**
 * The first generated position (0-based) the map sends to `source`'s 0-based `line`, at or after
 * `column`: what a debugger does with a breakpoint set in the source.
 */
function generatedPositionOf(
  map: SourceMap,
  code: string,
  { source, line, column }: { source: string; line: number; column: number },
) {
  const lines = code.split('\n');
  for (const [lineNumber, text] of lines.entries()) {
    for (let columnNumber = 0; columnNumber < text.length; columnNumber++) {
      const entry = map.findEntry(lineNumber, columnNumber);
      if (
        'originalSource' in entry &&
        entry.originalSource.endsWith(source) &&
        entry.originalLine === line &&
        entry.originalColumn >= column
      ) {
        return { lineNumber, columnNumber };
      }
    }
  }
  throw new Error(`the source map sends nothing to ${source}:${line + 1}`);
}

const invocationEnvironment = (root: string, handler: string) => ({
  LAMBDA_TASK_ROOT: root,
  _HANDLER: handler,
  PATH: process.env.PATH ?? '',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_REGION: 'us-east-1',
});

const request = (id: number, event: unknown) => ({
  id,
  event,
  traceId: 'Root=1-00000000-000000000000000000000000;Sampled=0',
  context: { awsRequestId: `r${id}` },
});

describe('debugging a function locally', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'debugging-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stops at a breakpoint set in a TypeScript line of the items handler, then answers the request', async () => {
    // The items bundle as `npm start` builds it, into a directory of this test's own.
    await build({ ...localApiBuildOptions(), outfile: join(root, 'main.mjs'), logLevel: 'silent' });
    const bundle = join(root, 'main.mjs');
    const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
    // What runs on every request: the handler's body, handing the decoded request to the router.
    const source = 'apps/api/src/create-handler.ts';
    const body = 'routeRequest(decodeRequest(event))';
    const sourceLines = readFileSync(join(workspaceRoot, source), 'utf8').split('\n');
    const sourceLine = sourceLines.findIndex((text) => text.includes(body));
    expect(sourceLine).toBeGreaterThan(0);
    const position = generatedPositionOf(map, readFileSync(bundle, 'utf8'), {
      source,
      line: sourceLine,
      column: sourceLines[sourceLine]!.indexOf(body),
    });

    let announced: (url: string) => void = () => undefined;
    const debuggerUrl = new Promise<string>((resolve) => (announced = resolve));
    const { environment, init } = await ExecutionEnvironment.start({
      taskRoot: root,
      env: {
        ...invocationEnvironment(root, 'main.handler'),
        TABLE_NAME: 'items',
        POWERTOOLS_TRACE_ENABLED: 'false',
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
      memoryMb: 256,
      timeoutSeconds: 3,
      inspectPort: 0,
      onOutput: (line) => {
        // Node's own announcement of the inspector, on the process's stderr.
        const url = /Debugger listening on (ws:\/\/\S+)/.exec(line)?.[1];
        if (url) announced(url);
      },
    });
    try {
      expect(init).toMatchObject({ ok: true });
      const inspector = await connectInspector(await debuggerUrl);
      const scripts = new Map<string, string>();
      inspector.on<{ scriptId: string; url: string }>('Debugger.scriptParsed', (script) =>
        scripts.set(script.scriptId, script.url),
      );
      await inspector.send('Debugger.enable');
      const breakpoint = await inspector.send<{ breakpointId: string; locations: unknown[] }>(
        'Debugger.setBreakpointByUrl',
        { url: pathToFileURL(bundle).href, ...position },
      );
      expect(breakpoint.locations).toHaveLength(1);
      type Paused = {
        hitBreakpoints?: string[];
        callFrames: { location: { scriptId: string; lineNumber: number; columnNumber: number } }[];
      };
      const paused = new Promise<Paused>((resolve) => inspector.on('Debugger.paused', resolve));

      const invocation = environment.invoke(
        request(1, {
          version: '2.0',
          routeKey: '$default',
          rawPath: '/no-such-route',
          rawQueryString: '',
          headers: {},
          requestContext: {
            http: { method: 'GET', path: '/no-such-route', protocol: 'HTTP/1.1', sourceIp: '::1' },
            requestId: 'gateway-1',
            stage: '$default',
            timeEpoch: 0,
          },
          isBase64Encoded: false,
        }),
      );
      const { hitBreakpoints, callFrames } = await paused;
      expect(hitBreakpoints).toEqual([breakpoint.breakpointId]);
      const { location } = callFrames[0]!;
      expect(scripts.get(location.scriptId)).toBe(pathToFileURL(bundle).href);
      expect(map.findEntry(location.lineNumber, location.columnNumber)).toMatchObject({
        originalSource: expect.stringMatching(/apps\/api\/src\/create-handler\.ts$/),
        originalLine: sourceLine,
      });
      await inspector.send('Debugger.resume');
      const outcome = await invocation;
      inspector.close();
      expect(outcome.status).toBe('success');
      expect(JSON.parse((outcome as { json: string }).json)).toMatchObject({ statusCode: 404 });
    } finally {
      await environment.stop();
    }
  });

  it("names the TypeScript file and line in an error's stack when the bundle has a source map", async () => {
    writeFileSync(
      join(root, 'handler.ts'),
      'type Event = { reason: string };\nexport const handler = async (event: Event) => {\n  throw new Error(event.reason);\n};\n',
    );
    await build({
      entryPoints: [join(root, 'handler.ts')],
      outfile: join(root, 'index.js'),
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      sourcemap: 'linked',
      logLevel: 'silent',
    });
    const { environment } = await ExecutionEnvironment.start({
      taskRoot: root,
      env: invocationEnvironment(root, 'index.handler'),
      memoryMb: 128,
      timeoutSeconds: 3,
      onOutput: () => undefined,
    });
    try {
      const outcome = await environment.invoke(request(1, { reason: 'no luck' }));
      expect(outcome).toMatchObject({ status: 'error', error: { errorMessage: 'no luck' } });
      const { stack } = (outcome as { error: { stack: string[] } }).error;
      expect(stack.join('\n')).toContain(`${join(root, 'handler.ts')}:3:`);
    } finally {
      await environment.stop();
    }
  });
});
