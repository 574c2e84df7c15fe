import { getXrayTraceDataFromEnv } from '@aws-lambda-powertools/commons/utils/env';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:dgram';

/**
 * X-Ray subsegments sent straight to the X-Ray daemon that Lambda's active tracing runs, instead
 * of through Powertools Tracer, whose X-Ray SDK costs the bundle and the cold start more than the
 * kit allows (figures in docs/architecture.md, "Traces"). Protocol (X-Ray
 * developer guide, "Sending segment documents to the X-Ray daemon"): one UDP datagram per
 * document, a JSON header line `{"format":"json","version":1}` then the document. A subsegment
 * names its trace (`trace_id`) and its parent (`parent_id`: Lambda's function segment, the
 * `Parent` of the invocation's trace header), as the segment documents page ("Subsegments")
 * describes.
 */

export type TraceHeader = { root: string; parent: string; sampled: boolean };

/**
 * The invocation's trace header (`Root=1-…;Parent=…;Sampled=1`, Lambda developer guide, "Defined
 * runtime environment variables"), read by Powertools, as its Logger reads the `xray_trace_id`
 * of each log line: the two cannot disagree.
 */
export function currentTraceHeader(): TraceHeader | undefined {
  const { Root: root, Parent: parent, Sampled: sampled } = getXrayTraceDataFromEnv() ?? {};
  if (!root || !parent) return undefined;
  return { root, parent, sampled: sampled === '1' };
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
  /** Epoch seconds. */
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

  constructor(private readonly address = daemonAddress(process.env['AWS_XRAY_DAEMON_ADDRESS'])) {}

  /** Never throws: a subsegment that cannot be sent is dropped, never a failed request. */
  emit(subsegment: Subsegment): void {
    try {
      const trace = currentTraceHeader();
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
      this.send(`${header}${JSON.stringify(document)}`);
    } catch {
      // Dropped: tracing is best effort, like the X-Ray SDK's own UDP emitter.
    }
  }

  private send(datagram: string): void {
    // Loaded and opened on first use, so an untraced stage's cold start never pays for them.
    // unref: the socket never holds the process open.
    if (!this.socket) {
      this.socket = process.getBuiltinModule('node:dgram').createSocket('udp4');
      this.socket.unref();
      // A lost datagram is a lost subsegment, never a failed request.
      this.socket.on('error', () => undefined);
    }
    this.socket.send(datagram, this.address.port, this.address.host);
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }
}
