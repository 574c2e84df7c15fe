import { formatETag, Headers, itemsContract } from '@items-api/contract';
import {
  DependencyUnavailableError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
} from '../errors';
import { expectedVersionFrom } from '../http/preconditions';
import type { RouteDeps } from './route-deps';
import { route } from '../http/contract-router';
import { answersWith, routeError } from '../http/route-errors';

answersWith(itemsContract.replaceItem, [
  NotFoundError,
  PreconditionFailedError,
  DependencyUnavailableError,
]);

export const replaceItem = ({ repo, clock }: RouteDeps) =>
  route(
    itemsContract.replaceItem,
    async ({ params, headers, body }, { owner, responseHeaders }) => {
      const ifMatch = headers[Headers.ifMatch];
      if (!ifMatch) {
        throw routeError(
          itemsContract.replaceItem,
          new PreconditionRequiredError('Send the ETag you last read as If-Match'),
        );
      }
      const expectedVersion = await expectedVersionFrom(
        ifMatch,
        async () => (await repo.get(owner, params.id))?.version,
      );
      const item = await repo.replace(owner, params.id, body, {
        expectedVersion,
        now: clock().toISOString(),
      });
      responseHeaders.set(Headers.etag, formatETag(item.version));
      return { status: 200, body: item };
    },
  );
