import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { currentTraceHeader, daemonAddress, XRayDaemonEmitter } from './xray-daemon';

describe('X-Ray daemon address (AWS_XRAY_DAEMON_ADDRESS)', () => {
  it('reads host:port, as Lambda sets it', () => {
    expect(daemonAddress('169.254.79.129:2000')).toEqual({ host: '169.254.79.129', port: 2000 });
  });

  it('takes the UDP address of the "tcp:… udp:…" form', () => {
    expect(daemonAddress('tcp:127.0.0.1:2001 udp:127.0.0.2:2002')).toEqual({
      host: '127.0.0.2',
      port: 2002,
    });
  });

  it('falls back to the daemon default 127.0.0.1:2000 when unset or unreadable', () => {
    expect(daemonAddress(undefined)).toEqual({ host: '127.0.0.1', port: 2000 });
    expect(daemonAddress('nonsense')).toEqual({ host: '127.0.0.1', port: 2000 });
    expect(daemonAddress('host:99999')).toEqual({ host: '127.0.0.1', port: 2000 });
  });
});

/** `_X_AMZN_TRACE_ID` set to `value` (unset when undefined) while `run` runs. */
function withTraceHeader<T>(value: string | undefined, run: () => T): T {
  const saved = process.env['_X_AMZN_TRACE_ID'];
  if (value === undefined) delete process.env['_X_AMZN_TRACE_ID'];
  else process.env['_X_AMZN_TRACE_ID'] = value;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env['_X_AMZN_TRACE_ID'];
    else process.env['_X_AMZN_TRACE_ID'] = saved;
  }
}

describe('trace header (_X_AMZN_TRACE_ID)', () => {
  // The header as the Lambda developer guide shows it ("Defined runtime environment variables").
  it('reads root, parent and the sampling decision', () => {
    expect(
      withTraceHeader(
        'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=1',
        currentTraceHeader,
      ),
    ).toEqual({
      root: '1-5759e988-bd862e3fe1be46a994272793',
      parent: '557abcec3ee5a047',
      sampled: true,
    });
  });

  it('is unsampled without Sampled=1, and absent without a root and a parent', () => {
    expect(withTraceHeader('Root=1-a-b;Parent=c;Sampled=0', currentTraceHeader)?.sampled).toBe(
      false,
    );
    expect(withTraceHeader('Root=1-a-b;Parent=c', currentTraceHeader)?.sampled).toBe(false);
    expect(withTraceHeader('Root=1-a-b', currentTraceHeader)).toBeUndefined();
    expect(withTraceHeader(undefined, currentTraceHeader)).toBeUndefined();
  });
});

describe('XRayDaemonEmitter', () => {
  it('sends a subsegment of a sampled trace and nothing for an unsampled one', async () => {
    const daemon = createSocket('udp4');
    const datagrams: string[] = [];
    daemon.on('message', (message) => datagrams.push(message.toString('utf8')));
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    const emitter = new XRayDaemonEmitter({
      host: '127.0.0.1',
      port: (daemon.address() as AddressInfo).port,
    });
    const subsegment = { name: 'DynamoDB', startTime: 1_700_000_000, endTime: 1_700_000_000.25 };
    try {
      const arrived = once(daemon, 'message');
      // Unsampled first: had it been sent, it would be the first datagram (one socket, loopback).
      withTraceHeader(
        'Root=1-6745a0b2-aaaaaaaaaaaaaaaaaaaaaaaa;Parent=1111111111111111;Sampled=0',
        () => emitter.emit(subsegment),
      );
      withTraceHeader(
        'Root=1-6745a0b2-bbbbbbbbbbbbbbbbbbbbbbbb;Parent=2222222222222222;Sampled=1',
        () => emitter.emit(subsegment),
      );
      await arrived;
      const [headerLine, document] = (datagrams[0] ?? '').split('\n');
      expect(JSON.parse(headerLine ?? '')).toEqual({ format: 'json', version: 1 });
      expect(JSON.parse(document ?? '')).toEqual({
        name: 'DynamoDB',
        id: expect.stringMatching(/^[0-9a-f]{16}$/),
        trace_id: '1-6745a0b2-bbbbbbbbbbbbbbbbbbbbbbbb',
        parent_id: '2222222222222222',
        type: 'subsegment',
        start_time: 1_700_000_000,
        end_time: 1_700_000_000.25,
      });
    } finally {
      emitter.close();
      daemon.close();
    }
  });
});
