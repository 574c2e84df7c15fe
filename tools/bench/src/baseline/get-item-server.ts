import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ItemKeys } from '@items-api/api';
import { createServer, type Server } from 'node:http';
import { requestedItemId } from './get-item-request';
import { listenOnLoopback } from './listen';

/**
 * The throughput baseline: a plain node:http server doing the handler's GetCommand for one fixed
 * owner — no gateway, no JWT, no router, no validation.
 */
export async function startGetItemServer(options: {
  documentClient: DynamoDBDocumentClient;
  tableName: string;
  owner: string;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    const id = requestedItemId(request);
    if (!id) {
      response.writeHead(404).end();
      return;
    }
    try {
      const { Item } = await options.documentClient.send(
        new GetCommand({
          TableName: options.tableName,
          Key: {
            [ItemKeys.partitionKey]: ItemKeys.owner(options.owner),
            [ItemKeys.sortKey]: ItemKeys.item(id),
          },
          ConsistentRead: true,
        }),
      );
      if (!Item) {
        response.writeHead(404).end();
        return;
      }
      const { [ItemKeys.partitionKey]: _pk, [ItemKeys.sortKey]: _sk, ...item } = Item;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(item));
    } catch {
      response.writeHead(500).end();
    }
  });
  return listenOnLoopback(server);
}
