import { Headers, itemsContract } from '@items-api/contract';
import { expectedVersionFrom } from '../http/preconditions';
import type { RouteDeps } from './route-deps';
import { route } from '../http/contract-router';
import { answersWith } from '../http/route-errors';
import { DependencyUnavailableError, NotFoundError, PreconditionFailedError } from '../errors';

answersWith(itemsContract.deleteItem, [
  NotFoundError,
  PreconditionFailedError,
  DependencyUnavailableError,
]);

export const deleteItem = ({ repo }: RouteDeps) =>
  route(itemsContract.deleteItem, async ({ params, headers }, { owner }) => {
    const ifMatch = headers[Headers.ifMatch];
    const expectedVersion = ifMatch
      ? await expectedVersionFrom(ifMatch, async () => (await repo.get(owner, params.id))?.version)
      : undefined;
    await repo.delete(owner, params.id, { expectedVersion });
    return { status: 204, body: undefined };
  });
