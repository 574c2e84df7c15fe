import { createSocket } from 'node:dgram';
import { EventEmitter, once } from 'node:events';

export type XRayDaemonSink = {
  /** `127.0.0.1:<port>`: what a traced function is given as `AWS_XRAY_DAEMON_ADDRESS`. */
  address: string;
  /** Segment documents received so far, parsed (the header line dropped). */
  documents(): Record<string, unknown>[];
  /** Resolves once `count` documents have arrived. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
};

/**
 * A UDP socket standing where Lambda's X-Ray daemon listens. Each datagram is a JSON header line
 * then one segment document (X-Ray developer guide, "Sending segment documents to the X-Ray
 * daemon"); the sink only keeps them, so a benchmark can show its traced runs really traced.
 */
export async function startXRayDaemonSink(): Promise<XRayDaemonSink> {
  const socket = createSocket('udp4');
  const arrivals = new EventEmitter();
  const kept: Record<string, unknown>[] = [];
  socket.on('message', (message) => {
    const document = message.toString('utf8').split('\n')[1];
    if (document) kept.push(JSON.parse(document) as Record<string, unknown>);
    arrivals.emit('document');
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    documents: () => [...kept],
    async received(count) {
      while (kept.length < count) await once(arrivals, 'document');
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
