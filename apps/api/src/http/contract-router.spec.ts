import { itemsContract, ProblemTypes, type ProblemTypeName } from '@items-api/contract';
import { createTestHandler } from '../../test/test-handler';
import {
  DependencyUnavailableError,
  NotFoundError,
  PreconditionRequiredError,
  problemErrors,
  ValidationError,
} from '../errors';
import { answersWith, routeError } from './route-errors';

describe('the contract router', () => {
  it('reads a repeated query parameter as a list, which the contract refuses: a 400 naming it', async () => {
    const { call } = createTestHandler();
    const res = await call({
      method: 'GET',
      path: '/items',
      query: 'limit=0&limit=5',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['query.limit']);
  });

  it.each([
    ['around', (etag: string) => ` ${etag}\t`],
    ['before', (etag: string) => `\r\n ${etag}`],
    ['after', (etag: string) => `${etag}\n`],
  ])(
    'trims HTTP whitespace %s a header value, as a Fetch Headers object does (Fetch §2.2)',
    async (_where, pad) => {
      const { call } = createTestHandler();
      const created = await call({ method: 'POST', body: { name: 'Boots', tags: [] } });
      const etag = String(created.headers?.['etag']);
      const res = await call({
        path: `/items/${created.json.id}`,
        headers: { 'if-none-match': pad(etag) },
      });
      expect(res.statusCode).toBe(304);
    },
  );

  it('answers a route’s no-body status with an empty body and no content type', async () => {
    const { call } = createTestHandler();
    const created = await call({ method: 'POST', body: { name: 'Boots', tags: [] } });
    const res = await call({ method: 'DELETE', path: `/items/${created.json.id}` });
    expect([res.statusCode, res.body, res.headers?.['content-type']]).toEqual([204, '', undefined]);
  });
});

describe('errors a route answers with are the contract’s (checked when compiling)', () => {
  it('routeError hands back the error it was given, for a declared problem', () => {
    const error = new NotFoundError();
    expect(routeError(itemsContract.getItem, error)).toBe(error);
  });

  it('does not compile for a problem the route does not declare', () => {
    // Compile-time half (the typecheck target): each line below must fail to compile.
    const undeclared = () => {
      // @ts-expect-error GET /items/{id} declares no 428: If-Match is never required there.
      routeError(itemsContract.getItem, new PreconditionRequiredError('x'));
      // @ts-expect-error GET /items declares no 404.
      answersWith(itemsContract.listItems, [DependencyUnavailableError, NotFoundError]);
    };
    void undeclared;
    // Runtime half: the contract indeed declares those statuses for neither route, and does
    // declare the ones that compile.
    const statuses = (route: { responses: object }) => Object.keys(route.responses).map(Number);
    expect(statuses(itemsContract.getItem)).not.toContain(
      new PreconditionRequiredError('x').status,
    );
    expect(statuses(itemsContract.listItems)).not.toContain(new NotFoundError().status);
    expect(statuses(itemsContract.listItems)).toEqual(
      expect.arrayContaining([
        new ValidationError([]).status,
        new DependencyUnavailableError().status,
      ]),
    );
  });
});

describe('one error class per problem type', () => {
  const kinds = Object.keys(ProblemTypes) as ProblemTypeName[];

  it('has a distinct class for every problem type of the contract', () => {
    expect(Object.keys(problemErrors).sort()).toEqual([...kinds].sort());
    expect(new Set(Object.values(problemErrors)).size).toBe(kinds.length);
  });

  it.each(kinds)('%s: the class sets its own name and answers its status', (kind) => {
    const ErrorClass = problemErrors[kind] as unknown as new (...args: unknown[]) => Error & {
      kind: string;
      status: number;
    };
    const error = new ErrorClass(kind === 'validation' ? [] : 'detail', ['GET']);
    expect([error.name, error.kind, error.status]).toEqual([
      ErrorClass.name,
      kind,
      ProblemTypes[kind].status,
    ]);
  });
});
