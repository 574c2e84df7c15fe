import { billedMs, createFunctionLog, reportLine } from './function-log';

const requestId = 'c6af9ac6-7b61-11e6-9a41-93e812345678';

describe('the function log', () => {
  it('writes the REPORT line in Lambda’s text format, Init Duration on a cold start', () => {
    expect(
      reportLine({
        requestId,
        durationMs: 12.345,
        initDurationMs: 180.5,
        memorySizeMb: 512,
        maxMemoryUsedMb: 96,
        status: 'success',
      }),
    ).toBe(
      `REPORT RequestId: ${requestId}\tDuration: 12.35 ms\tBilled Duration: 193 ms\tMemory Size: 512 MB\tMax Memory Used: 96 MB\tInit Duration: 180.50 ms`,
    );
  });

  it('names the status and error type of a failed invocation', () => {
    const line = reportLine({
      requestId,
      durationMs: 2000,
      memorySizeMb: 128,
      maxMemoryUsedMb: 40,
      status: 'timeout',
      errorType: 'Sandbox.Timedout',
    });
    expect(line).toContain('\tStatus: timeout\tError Type: Sandbox.Timedout');
    expect(line).not.toContain('Init Duration');
  });

  it('bills whole milliseconds, init included', () => {
    expect(billedMs({ durationMs: 1.2 })).toBe(2);
    expect(billedMs({ durationMs: 1.2, initDurationMs: 100.1 })).toBe(102);
  });

  it('prefixes text lines with the function and request id, continuation lines aligned', () => {
    const lines: string[] = [];
    const log = createFunctionLog({ label: 'Items', format: 'text', sink: (l) => lines.push(l) });
    log.start(requestId);
    log.output(`2026-12-01T08:00:00.000Z\t${requestId}\tERROR\tfailed\rat line 2`, requestId);
    log.output('raw line', undefined);
    log.end(requestId);
    expect(lines).toEqual([
      `Items START RequestId: ${requestId} Version: $LATEST`,
      'Items c6af9ac6 ERROR failed',
      '                     at line 2',
      'Items init           raw line',
      `Items END RequestId: ${requestId}`,
    ]);
  });

  it('passes lines through raw in JSON format, with platform records as Lambda writes them', () => {
    const lines: string[] = [];
    const log = createFunctionLog({ label: 'Items', format: 'json', sink: (l) => lines.push(l) });
    const record = '{"level":"INFO","message":"hi"}';
    log.start(requestId);
    log.output(record, requestId);
    log.end(requestId);
    log.report({
      requestId,
      durationMs: 1.5,
      memorySizeMb: 128,
      maxMemoryUsedMb: 40,
      status: 'success',
    });
    expect(lines[1]).toBe(record);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      type: 'platform.start',
      record: { requestId, version: '$LATEST' },
    });
    expect(JSON.parse(lines[2]!)).toMatchObject({
      type: 'platform.report',
      record: {
        requestId,
        metrics: { durationMs: 1.5, billedDurationMs: 2, memorySizeMB: 128, maxMemoryUsedMB: 40 },
        status: 'success',
      },
    });
    expect(lines).toHaveLength(3);
  });
});
