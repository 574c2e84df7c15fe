import { itemsContract, toGatewayPath } from '@items-api/contract';
import { routePathPattern } from '@items-api/http-api';
import type { IncomingMessage } from 'node:http';

const { pattern } = routePathPattern(toGatewayPath(itemsContract.getItem.path));

/** The item id of a request for the contract's `GET /items/{id}`; undefined for any other. */
export const requestedItemId = (request: IncomingMessage): string | undefined =>
  request.method === itemsContract.getItem.method
    ? pattern.exec(request.url ?? '')?.[1]
    : undefined;
