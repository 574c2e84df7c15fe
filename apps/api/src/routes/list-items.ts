import { itemsContract } from '@items-api/contract';
import { ownerOf } from '../http/owner';
import type { RouteDeps } from './route-deps';
import { tsr } from './tsr';

export const listItems = ({ repo, cursors }: RouteDeps) =>
  tsr.route(itemsContract.listItems, async ({ query }, { rawEvent }) => {
    const owner = ownerOf(rawEvent);
    const afterId = query.cursor ? cursors.decode(owner, query.cursor) : undefined;
    const page = await repo.list(owner, { limit: query.limit, afterId });
    return {
      status: 200,
      body: {
        items: page.items,
        ...(page.lastId ? { nextCursor: cursors.encode(owner, page.lastId) } : {}),
      },
    };
  });
