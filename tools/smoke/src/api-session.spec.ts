import { committedDocument } from '@items-api/openapi-check';
import { documentedOperations } from './api-session';

describe('documentedOperations', () => {
  it("lists each operation of the document with its method and path, HEAD's included", () => {
    const operations = documentedOperations(committedDocument);
    expect(operations.get('getItem')).toEqual({
      operationId: 'getItem',
      method: 'GET',
      pathTemplate: '/items/{id}',
    });
    expect(operations.get('getItemHead')?.method).toBe('HEAD');
    const declared = Object.values(committedDocument.paths).flatMap((item) =>
      Object.values(item).flatMap((op) =>
        typeof op === 'object' && op !== null && 'operationId' in op ? [op.operationId] : [],
      ),
    );
    expect([...operations.keys()].sort()).toEqual(declared.sort());
  });
});
