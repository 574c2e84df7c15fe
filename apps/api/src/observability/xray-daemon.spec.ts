import { currentTraceHeader, daemonAddress } from './xray-daemon';

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

describe('trace header (_X_AMZN_TRACE_ID)', () => {
  // The header as the Lambda developer guide shows it ("Defined runtime environment variables").
  it('reads root, parent and the sampling decision', () => {
    expect(
      currentTraceHeader({
        _X_AMZN_TRACE_ID:
          'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=1',
      }),
    ).toEqual({
      root: '1-5759e988-bd862e3fe1be46a994272793',
      parent: '557abcec3ee5a047',
      sampled: true,
    });
  });

  it('is unsampled without Sampled=1, and absent without a root and a parent', () => {
    expect(currentTraceHeader({ _X_AMZN_TRACE_ID: 'Root=1-a-b;Parent=c;Sampled=0' })?.sampled).toBe(
      false,
    );
    expect(currentTraceHeader({ _X_AMZN_TRACE_ID: 'Root=1-a-b' })).toBeUndefined();
    expect(currentTraceHeader({})).toBeUndefined();
  });
});
