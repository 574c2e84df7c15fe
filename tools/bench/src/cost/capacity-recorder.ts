import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  billableUnits,
  documentedUnits,
  readCommands,
  reportedUnits,
  StoredSizes,
  writeCommands,
} from './documented-capacity';

export type CapacityRecord = {
  readonly command: string;
  readonly kind: 'read' | 'write';
  readonly reported?: number;
  readonly documented?: number;
  readonly billable: number;
};

type Doc = Record<string, unknown>;

/**
 * Asks DynamoDB for ReturnConsumedCapacity on every data call of `client` and hands each call's
 * units to `record` (the documented ones computed before the write is applied, so a delete is
 * charged by what it removed). A client middleware, so the handler's own repository code stays
 * untouched (the client is what createDependencies takes injected). Seed through the same client
 * (BatchWrite is tracked, not recorded) so deletes of seeded items are priced by the rule too.
 */
export function recordConsumedCapacity(
  client: DynamoDBDocumentClient,
  record: (entry: CapacityRecord) => void,
): void {
  const stored = new StoredSizes();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      const kind = readCommands.has(command)
        ? 'read'
        : writeCommands.has(command)
          ? 'write'
          : undefined;
      if (!kind) {
        // A seeding batch is not priced, but its records' sizes price their later deletes.
        const result = await next(args);
        if (command === 'BatchWriteItemCommand') stored.apply(command, args.input as Doc);
        return result;
      }
      const input = { ...(args.input as Doc), ReturnConsumedCapacity: 'TOTAL' };
      const result = await next({ ...args, input: input as typeof args.input });
      const output = result.output as Doc;
      const reported = reportedUnits(output.ConsumedCapacity);
      const documented = documentedUnits(command, input, output, stored.sizeOf);
      if (kind === 'write') stored.apply(command, input);
      record({
        command,
        kind,
        reported,
        documented,
        billable: billableUnits(reported, documented),
      });
      return result;
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
}
