import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:dgram';

/**
 * X-Ray subsegments sent straight to the X-Ray daemon (on Lambda: the one active tracing runs),
 * instead of through aws-xray-sdk-core: the SDK costs the bundle about 100 KB and its import
 * the cold start. Protocol (X-Ray developer guide, "Sending segment documents to the X-Ray
 * daemon"): one UDP datagram per document, a JSON header line `{"format":"json","version":1}`
 * then the document. A subsegment names its trace (`trace_id`) and its parent (`parent_id`:
 * Lambda's function segment, the `Parent` of the invocation's trace header), as the segment
 * documents page ("Subsegments") describes.
 */

export type TraceHeader = { root: string; parent: string; sampled: boolean };

type LambdaGlobal = { awslambda?: { InvokeStore?: { getXRayTraceId?: () => string | undefined } } };

/**
 * The invocation's trace header: from the runtime's invoke store when it keeps one per
 * invocation, else `_X_AMZN_TRACE_ID` (`Root=1-…;Parent=…;Sampled=1`, Lambda developer guide,
 * "Defined runtime environment variables").
 */
export function currentTraceHeader(env = process.env): TraceHeader | undefined {
  const raw =
    (globalThis as LambdaGlobal).awslambda?.InvokeStore?.getXRayTraceId?.() ??
    env['_X_AMZN_TRACE_ID'];
  if (!raw) return undefined;
  const fields = Object.fromEntries(raw.split(';').map((part) => part.split('=', 2)));
  const { Root: root, Parent: parent } = fields as Record<string, string | undefined>;
  if (!root || !parent) return undefined;
  return { root, parent, sampled: fields['Sampled'] === '1' };
}

/**
 * `AWS_XRAY_DAEMON_ADDRESS` is `host:port`, or `tcp:host:port udp:host:port` (X-Ray developer
 * guide, "Configuring the X-Ray SDK for Node.js", environment variables); segments go over UDP.
 */
export function daemonAddress(value: string | undefined): { host: string; port: number } {
  const udp = value?.split(/\s+/).find((part) => part.startsWith('udp:'));
  const address = udp ? udp.slice('udp:'.length) : (value ?? '127.0.0.1:2000');
  const cut = address.lastIndexOf(':');
  const port = Number(address.slice(cut + 1));
  if (cut <= 0 || !Number.isInteger(port) || port <= 0 || port > 65_535) {
    return { host: '127.0.0.1', port: 2000 };
  }
  return { host: address.slice(0, cut), port };
}

export type Subsegment = {
  name: string;
  startTime: number;
  endTime: number;
  namespace?: 'aws' | 'remote';
  aws?: Record<string, unknown>;
  http?: { response: { status?: number } };
  error?: boolean;
  throttle?: boolean;
  fault?: boolean;
};

const header = '{"format":"json","version":1}\n';

/** Sends subsegments of the current sampled trace; nothing when the invocation is not sampled. */
export class XRayDaemonEmitter {
  private socket?: Socket;

  constructor(
    private readonly address = daemonAddress(process.env['AWS_XRAY_DAEMON_ADDRESS']),
    private readonly traceHeader: () => TraceHeader | undefined = currentTraceHeader,
  ) {}

  emit(subsegment: Subsegment): void {
    const trace = this.traceHeader();
    if (!trace?.sampled) return;
    const { startTime, endTime, ...rest } = subsegment;
    const document = {
      ...rest,
      id: randomBytes(8).toString('hex'),
      trace_id: trace.root,
      parent_id: trace.parent,
      type: 'subsegment',
      start_time: startTime,
      end_time: endTime,
    };
    // Loaded and opened on first use, so an untraced stage's cold start never pays for them.
    // unref: the socket never holds the process open.
    if (!this.socket) {
      this.socket = process.getBuiltinModule('node:dgram').createSocket('udp4');
      this.socket.unref();
      // A lost datagram is a lost subsegment, never a failed request.
      this.socket.on('error', () => undefined);
    }
    this.socket.send(`${header}${JSON.stringify(document)}`, this.address.port, this.address.host);
  }

  /** As `emit`, but a subsegment that cannot be sent is dropped: it never fails the request. */
  emitSafely(subsegment: Subsegment): void {
    try {
      this.emit(subsegment);
    } catch {
      // Dropped: tracing is best effort, like the X-Ray SDK's own UDP emitter.
    }
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }
}
