import { itemsContract } from '@items-api/contract';
import { DependencyUnavailableError, InvalidCursorError, ValidationError } from '../errors';
import { ownerOf } from '../http/owner';
import type { RouteDeps } from './route-deps';
import { route } from '../http/contract-router';
import { answersWith, routeError } from '../http/route-errors';

/**
 * The query is decoded leniently (URL parsing turns malformed UTF-8 into U+FFFD), so a tag is
 * checked against the raw query string: percent-encoded bytes that are not well-formed UTF-8 are
 * a 400 naming `query.tag`, not a search for replacement characters.
 */
function rejectMalformedTag(rawQueryString: string): void {
  for (const pair of rawQueryString.split('&')) {
    const [name = '', value = ''] = pair.split('=', 2);
    if (new URLSearchParams(`${name}=`).keys().next().value !== 'tag') continue;
    try {
      decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      throw routeError(
        itemsContract.listItems,
        new ValidationError([{ path: 'query.tag', message: 'must be well-formed UTF-8' }]),
      );
    }
  }
}

answersWith(itemsContract.listItems, [InvalidCursorError, DependencyUnavailableError]);

export const listItems = ({ repo, cursors }: RouteDeps) =>
  route(itemsContract.listItems, async ({ query }, { rawEvent }) => {
    const owner = ownerOf(rawEvent);
    const { tag } = query;
    if (tag !== undefined && 'rawQueryString' in rawEvent) {
      rejectMalformedTag(rawEvent.rawQueryString);
    }
    // A cursor is valid only for the query that made it: same owner, same tag (or none).
    const scope = tag === undefined ? {} : { tag };
    const afterId = query.cursor ? cursors.decode(owner, query.cursor, scope) : undefined;
    const page = await repo.list(owner, { limit: query.limit, afterId, tag });
    return {
      status: 200,
      body: {
        items: page.items,
        ...(page.lastId ? { nextCursor: cursors.encode(owner, page.lastId, scope) } : {}),
      },
    };
  });
