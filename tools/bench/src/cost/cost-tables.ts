import { formatNumber } from '../report/format';
import { renderTable } from '../report/render-table';
import { mean, percentile } from '../stats/percentile';
import type { CapacityRecord } from './capacity-recorder';
import { billedDurationMs, modelledDurationMs, type CostPerMillion } from './cost-model';
import type { Operation } from './crud-mix';
import type { MixInvocation } from './run-crud-mix';

const ms = (value: number) => formatNumber(value);

/** Per operation: measured wall/CPU time, modelled billed duration per memory size, units. */
export function operationsTable(
  invocations: readonly MixInvocation[],
  memories: readonly number[],
) {
  const ops = [...new Set(invocations.map((i) => i.op))] as Operation[];
  const rows = ops.map((op) => {
    const mine = invocations.filter((i) => i.op === op);
    return [
      op,
      String(mine.length),
      ms(
        percentile(
          mine.map((i) => i.wallMs),
          50,
        ),
      ),
      ms(mean(mine.map((i) => i.wallMs))),
      ms(mean(mine.map((i) => i.cpuMs))),
      ...memories.map((mb) =>
        ms(mean(mine.map((i) => billedDurationMs(modelledDurationMs(i, mb))))),
      ),
      formatNumber(mean(mine.map((i) => i.readUnits))),
      formatNumber(mean(mine.map((i) => i.writeUnits))),
    ];
  });
  const header = [
    'operation',
    'n',
    'wall p50 ms',
    'wall mean ms',
    'CPU mean ms',
    ...memories.map((mb) => `billed ms @${mb} MB`),
    'RRU/req',
    'WRU/req',
  ];
  return renderTable(header, rows, ['left', ...header.slice(1).map(() => 'right' as const)]);
}

/** USD per million requests of the mix, per memory size and gateway, line by line. */
export function costTable(
  rows: readonly { memoryMb: number; gateway: string; cost: CostPerMillion }[],
) {
  const usd = (value: number) => `$${value.toFixed(3)}`;
  const header = [
    'memory',
    'gateway',
    'billed ms',
    'Lambda time',
    'Lambda req',
    'DDB reads',
    'DDB writes',
    'gateway',
    'total / 1M req',
  ];
  return renderTable(
    header,
    rows.map(({ memoryMb, gateway, cost }) => [
      `${memoryMb} MB`,
      gateway,
      cost.meanBilledMs.toFixed(2),
      usd(cost.lambdaDuration),
      usd(cost.lambdaRequests),
      usd(cost.dynamodbReads),
      usd(cost.dynamodbWrites),
      usd(cost.gateway),
      usd(cost.total),
    ]),
    ['left', 'left', ...header.slice(2).map(() => 'right' as const)],
  );
}

const disagrees = (r: CapacityRecord) =>
  r.reported !== undefined && r.documented !== undefined && r.reported !== r.documented;

/** DynamoDB Local's reported units next to the documented rule's, per command. */
export function capacityTable(records: readonly CapacityRecord[]) {
  const commands = [...new Set(records.map((r) => r.command))];
  const avg = (values: (number | undefined)[]) =>
    values.every((v) => v !== undefined) ? formatNumber(mean(values as number[])) : 'n/a';
  const table = renderTable(
    [
      'DynamoDB call',
      'calls',
      'reported/call',
      'documented/call',
      'disagreeing calls',
      'priced/call',
    ],
    commands.map((command) => {
      const mine = records.filter((r) => r.command === command);
      return [
        command,
        String(mine.length),
        avg(mine.map((r) => r.reported)),
        avg(mine.map((r) => r.documented)),
        String(mine.filter(disagrees).length),
        avg(mine.map((r) => r.billable)),
      ];
    }),
    ['left', 'right', 'right', 'right', 'right', 'right'],
  );
  const missing = records.filter((r) => r.reported === undefined).length;
  const summary = [
    `Capacity units: ReturnConsumedCapacity=TOTAL on every call (DynamoDB Local reported a value for ${records.length - missing} of ${records.length} calls), checked against DynamoDB's documented rule applied to the items each call read or wrote (1 RRU per 4 KB, half for eventually consistent reads; 1 WRU per KB; transactions 2×).`,
    `Priced: the documented units where the sizes are known (the items a call shows, and for a delete the item it removed, from what this client wrote or seeded), the reported ones otherwise. Calls where the two disagree: ${records.filter(disagrees).length}${records.some((r) => r.command === 'TransactWriteItemsCommand' && disagrees(r)) ? ' (DynamoDB Local reports the same units for a TransactWriteItems call whatever the number and size of its items; AWS documents 2 WRU per KB of each item)' : ''}.`,
  ];
  return `${table}\n\n${summary.join('\n')}`;
}
