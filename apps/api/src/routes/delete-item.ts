import { Headers, itemsContract } from '@items-api/contract';
import { ownerOf } from '../http/owner';
import { expectedVersionFrom } from '../http/preconditions';
import type { RouteDeps } from './route-deps';
import { tsr } from './tsr';

export const deleteItem = ({ repo }: RouteDeps) =>
  tsr.route(itemsContract.deleteItem, async ({ params, headers }, { rawEvent }) => {
    const ifMatch = headers[Headers.ifMatch];
    await repo.delete(ownerOf(rawEvent), params.id, {
      expectedVersion: ifMatch ? expectedVersionFrom(ifMatch) : undefined,
    });
    return { status: 204, body: undefined };
  });
