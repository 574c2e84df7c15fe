import { itemsContract } from '@items-api/contract';
import { InvalidCursorError } from '../errors';
import { StoreUnavailableError } from '../items/item-errors';
import type { RouteDeps } from './route-deps';
import { route } from '../http/contract-router';
import { answersWith, storeFailures } from '../http/route-errors';

// A cursor this API did not issue for the query (items/cursor.ts).
answersWith(itemsContract.listItems, [InvalidCursorError]);

const storeFailure = storeFailures(itemsContract.listItems, [StoreUnavailableError]);

export const listItems = ({ repo, cursors }: RouteDeps) =>
  route(itemsContract.listItems, async ({ query }, { owner }) => {
    const { tag } = query;
    // A cursor is valid only for the query that made it: same owner, same tag (or none).
    const scope = tag === undefined ? {} : { tag };
    const afterId = query.cursor ? cursors.decode(owner, query.cursor, scope) : undefined;
    const page = await repo.list(owner, { limit: query.limit, afterId, tag }).catch(storeFailure);
    return {
      status: 200,
      body: {
        items: page.items,
        ...(page.lastId ? { nextCursor: cursors.encode(owner, page.lastId, scope) } : {}),
      },
    };
  });
